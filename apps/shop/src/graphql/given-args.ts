/**
 * The arguments a caller gave, as a plain object for the shop's commands and queries: a
 * GraphQL `null` means "not given", as an omitted argument does, so the services apply the
 * same defaults to both (a null `quantity` is one unit, a null `limit` the default page).
 */
export function givenArgs(args: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(([, value]) => value !== null && value !== undefined),
  );
}
