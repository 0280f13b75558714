/**
 * The caller asked for something that clashes with what is stored, e.g. a name that must be
 * unique and is taken (HTTP 409, GraphQL `CONFLICT`, gRPC ALREADY_EXISTS). Unlike bad input,
 * the same request may succeed later, once the other entity is gone.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    super(`${entity} with ${field} "${value}" already exists`);
  }
}
