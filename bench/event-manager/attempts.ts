import { setTimeout } from 'node:timers/promises';
import { countingErrors } from './bench-logger';

/** Wait before attempt n + 1: a restarted broker needs a while to take clients again. */
const PAUSE_MS_PER_ATTEMPT = 15_000;

/**
 * Runs a phase until it succeeds without logging an error, at most `attempts` times: the
 * services are shared with other sessions, whose tests restart brokers, and a figure taken
 * across a restart measures the restart. What went wrong in earlier attempts goes to `notes`;
 * the last attempt's result counts even when it logged errors (then said in `notes` too).
 * Attempts are spaced out (15 s, 30 s, ...) to let a restarted broker settle.
 */
export async function undisturbed<T>(
  what: string,
  attempts: number,
  notes: string[],
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= attempts;
    try {
      const { result, errorsLogged } = await countingErrors(work);
      if (errorsLogged === 0) return result;
      const note = `${what}: attempt ${attempt} logged ${errorsLogged} errors`;
      notes.push(last ? `${note}; its figures are shown anyway` : `${note}; run again`);
      console.error(`bench: ${notes[notes.length - 1]}`);
      if (last) return result;
    } catch (error) {
      if (last) throw error;
      notes.push(`${what}: attempt ${attempt} failed (${(error as Error).message}); run again`);
      console.error(`bench: ${notes[notes.length - 1]}`);
    }
    await setTimeout(PAUSE_MS_PER_ATTEMPT * attempt);
  }
}
