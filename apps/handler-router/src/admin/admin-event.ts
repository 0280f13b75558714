/**
 * The seed's event value as the admin API emits it: who acted (the `X-User-Id` of the
 * request) and the entity as it is after the change (before it, for a delete).
 */
export interface AdminEventValue<D extends object = object> {
  readonly userId: string;
  readonly data: D & { readonly id: string };
}
