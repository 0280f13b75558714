import type { CliIo } from './cli.io';
import { EXIT_FAILED, EXIT_OK } from './cli.tool';
import { mapConcurrent } from './map-concurrent';
import { ShopApiError, ShopUnreachableError } from './shop-api.errors';
import { type Column, formatTable } from './table.format';
import { counted } from './words';

/** Requests in flight at once: quick on a local shop without flooding a remote one. */
export const MAKE_CONCURRENCY = 8;

/** The most samples one run makes: enough for any demo, and a typo like 10000 stays cheap. */
export const MAX_MADE_AT_ONCE = 1_000;

export interface MadeSample<Input, Accepted> {
  readonly input: Input;
  readonly accepted: Accepted;
}

export interface MakeSamplesSpec<Input, Accepted> {
  readonly inputs: readonly Input[];
  /** One request to the shop for one input. */
  readonly send: (input: Input) => Promise<Accepted>;
  /** The table of what the shop accepted. */
  readonly columns: readonly Column<MadeSample<Input, Accepted>>[];
  /** How an input is named in a line saying it was refused. */
  readonly describe: (input: Input) => string;
  /** Singular: "customer". */
  readonly noun: string;
  readonly seed: number;
  /** The seed came from `--seed`: a second run with it makes the same samples again. */
  readonly seedGiven: boolean;
  /** The npm command listing what was made, for the summary (which fits 80 columns). */
  readonly listCommand: string;
}

type Outcome<Input, Accepted> =
  | { readonly input: Input; readonly accepted: Accepted }
  | { readonly input: Input; readonly refused: ShopApiError }
  | { readonly input: Input; readonly notSent: true };

/**
 * Sends every sample to the shop (MAKE_CONCURRENCY at a time), then prints a table of what
 * it accepted, a line for each it refused and a summary. An error answer (a 4xx, a 5xx) is
 * that sample's alone and the others go on; once the shop cannot be reached the rest are not
 * sent, and if none got through that is the run's one error line.
 */
export async function makeSamples<Input, Accepted>(
  io: CliIo,
  spec: MakeSamplesSpec<Input, Accepted>,
): Promise<number> {
  let unreachable: ShopUnreachableError | undefined;
  const outcomes = await mapConcurrent(
    spec.inputs,
    MAKE_CONCURRENCY,
    async (input): Promise<Outcome<Input, Accepted>> => {
      if (unreachable) return { input, notSent: true };
      try {
        return { input, accepted: await spec.send(input) };
      } catch (error) {
        if (error instanceof ShopApiError) return { input, refused: error };
        if (!(error instanceof ShopUnreachableError)) throw error;
        unreachable ??= error;
        return { input, notSent: true };
      }
    },
  );

  const made = outcomes.filter((outcome) => 'accepted' in outcome);
  if (unreachable && !made.length) throw unreachable;

  if (made.length) {
    for (const line of formatTable(spec.columns, made, { width: io.terminalColumns })) {
      io.out(line);
    }
    io.out('');
  }
  for (const outcome of outcomes) {
    if ('refused' in outcome) io.err(`${spec.describe(outcome.input)}: ${outcome.refused.message}`);
  }
  const notSent = outcomes.filter((outcome) => 'notSent' in outcome).length;
  if (unreachable) io.err(`${unreachable.message}; ${notSent} not sent`);

  const refused = outcomes.filter((outcome) => 'refused' in outcome);
  if (spec.seedGiven && refused.some(({ refused: error }) => error.status === 409)) {
    io.err(
      `--seed ${spec.seed} makes the same ${spec.noun}s every run: leave it out or pick another`,
    );
  }

  const count = spec.inputs.length;
  const summary = `${made.length} of ${counted(count, spec.noun)} accepted (seed ${spec.seed})`;
  if (made.length === count) {
    io.out(`${summary}; see ${spec.listCommand}`);
    return EXIT_OK;
  }
  const parts = [`${refused.length} refused`, notSent && `${notSent} not sent`].filter(Boolean);
  io.out(`${summary}, ${parts.join(', ')}`);
  return EXIT_FAILED;
}
