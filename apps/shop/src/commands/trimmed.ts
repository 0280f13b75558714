import type { TransformFnParams } from 'class-transformer';

/** Strings are kept without surrounding spaces; anything else is left for the validators. */
export const trimmed = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;
