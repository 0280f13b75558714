/*
 * SUPERSEDED (to be deleted): the shop throws libs/platform's domain errors, like every app,
 * and libs/platform's DomainErrorFilter turns them into each protocol's answer (HTTP 400/404/409
 * with the field and reason, GraphQL BAD_USER_INPUT / NOT_FOUND / CONFLICT):
 * - bad input: `InputValidationError` (violations: field + reason), from `validateInput`;
 * - unknown customer or product: `NotFoundError(entity, key)`;
 * - e-mail already registered: `ConflictError(entity, field, value)`;
 * - out of stock: `OutOfStockError` (commands/out-of-stock.error.ts), a `ConflictError`.
 * Import them from '@app/platform'. Don't write a filter of your own for the shop.
 */
export {};
