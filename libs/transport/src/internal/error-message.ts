/** The message of whatever was thrown (handlers may throw non-Error values). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
