import { CONSTANTS } from 'cloudevents';

/*
 * Envelopes carry JSON data only: every app and every non-JS producer following the README
 * speaks JSON, and one data format keeps consumers free of content negotiation.
 */

/** The `datacontenttype` of every envelope we create. */
export const JSON_CONTENT_TYPE = CONSTANTS.MIME_JSON;

/** Content type of a whole event in the CloudEvents JSON format (structured mode). */
export const STRUCTURED_CONTENT_TYPE = CONSTANTS.DEFAULT_CE_CONTENT_TYPE;

/** A `+json` media type (`application/vnd.shop.order+json`), parameters already removed. */
const JSON_SUFFIX_MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\+json$/;

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string): string {
  const end = contentType.indexOf(';');
  return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}

/** True for `application/json` and any `+json` type, with or without parameters. */
export function isJsonContentType(contentType: string): boolean {
  // What every envelope we create says, answered without building a string.
  if (contentType === JSON_CONTENT_TYPE) return true;
  const mediaType = mediaTypeOf(contentType);
  return mediaType === JSON_CONTENT_TYPE || JSON_SUFFIX_MEDIA_TYPE.test(mediaType);
}

/** True for `application/cloudevents+json`: the value is a whole event, not just its data. */
export function isStructuredContentType(contentType: string): boolean {
  return mediaTypeOf(contentType) === CONSTANTS.MIME_CE_JSON;
}
