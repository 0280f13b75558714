/** A handler registration that cannot work; stops start-up with what to fix. */
export class HandlerRegistrationError extends Error {
  override readonly name = 'HandlerRegistrationError';
}
