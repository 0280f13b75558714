/** One bad field as the shop names it. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * Nothing answered at the shop's URL (refused, unknown host, no answer in time). The one
 * thing to say is where the tool looked and how to start the shop.
 */
export class ShopUnreachableError extends Error {
  override readonly name = 'ShopUnreachableError';

  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(
      `cannot reach the shop at ${url} (${detail}): is it running? Start it with \`npm start\`, ` +
        'or point --url or SHOP_URL at it',
    );
  }
}

/**
 * The shop answered with an error. A 4xx refused the request (bad field, unknown customer or
 * product, e-mail taken, too few left): the same request will not pass as it is. A 5xx is
 * the shop's own trouble.
 */
export class ShopApiError extends Error {
  override readonly name = 'ShopApiError';

  constructor(
    readonly status: number,
    readonly statusText: string,
    /** Every bad field with its reason; empty when the shop named none (e.g. a 404). */
    readonly problems: readonly FieldProblem[],
    /** The shop's own message. */
    readonly detail: string,
  ) {
    const what = status < 500 ? 'the shop refused it' : 'the shop failed';
    const why = problems.length
      ? problems.map(({ field, reason }) => `${field}: ${reason}`).join('; ')
      : detail;
    super(`${what} (${status} ${statusText}): ${why}`);
  }

  get refused(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/**
 * The problems an error answer names, whichever shape it has: libs/platform's answers
 * (400 `violations: [{ field, reason }]`, 409 `field` with `message`), or one `field` with
 * its `reason`.
 */
export function fieldProblems(body: unknown): FieldProblem[] {
  if (!isRecord(body)) return [];
  const { violations, field, reason, message } = body;
  if (Array.isArray(violations)) {
    return violations.flatMap((violation: unknown) =>
      isRecord(violation) && typeof violation.field === 'string'
        ? [
            {
              field: violation.field,
              reason: typeof violation.reason === 'string' ? violation.reason : 'is invalid',
            },
          ]
        : [],
    );
  }
  if (typeof field !== 'string') return [];
  if (typeof reason === 'string') return [{ field, reason }];
  return [{ field, reason: typeof message === 'string' ? message : 'is refused' }];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
