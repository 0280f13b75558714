import { type Measurement, perSecond, type Throughput } from './measure';

/** The adapter's throughput over its raw client's that this benchmark holds adapters to. */
export const RATIO_GOAL = 0.8;

export interface SuiteResult {
  readonly name: string;
  readonly adapterDescription: string;
  readonly rawDescription?: string;
  /** Each contender's median round: publish and consume medians taken apart. */
  readonly adapter?: Measurement;
  readonly raw?: Measurement;
  readonly rounds?: readonly RoundResult[];
  /** Why the suite produced no figures (a broker down, a timeout). */
  readonly error?: string;
}

export interface RoundResult {
  readonly adapter: Measurement;
  readonly raw?: Measurement;
}

const NONE = '—';

/** The median publish and the median consume (by rate) of each contender over the rounds. */
export function medianRound(rounds: readonly RoundResult[]): {
  adapter: Measurement;
  raw?: Measurement;
} {
  const raws = rounds.flatMap((round) => (round.raw ? [round.raw] : []));
  return {
    adapter: medianMeasurement(rounds.map((round) => round.adapter)),
    raw: raws.length > 0 ? medianMeasurement(raws) : undefined,
  };
}

function medianMeasurement(measurements: readonly Measurement[]): Measurement {
  const median = <T extends Throughput>(phase: readonly T[]): T =>
    [...phase].sort((a, b) => perSecond(a) - perSecond(b))[Math.floor((phase.length - 1) / 2)];
  const jsonOnly = measurements.flatMap((m) => (m.consumeJsonOnly ? [m.consumeJsonOnly] : []));
  return {
    publish: median(measurements.map((m) => m.publish)),
    consume: median(measurements.map((m) => m.consume)),
    ...(jsonOnly.length > 0 ? { consumeJsonOnly: median(jsonOnly) } : {}),
  };
}

/** Every measured round's ratios, so the spread behind the medians is on record. */
export function roundsTable(results: readonly SuiteResult[]): string {
  const rows = results
    .filter((result) => result.rounds?.some((round) => round.raw))
    .map((result) => {
      const ratios = (phase: 'publish' | 'consume' | 'consumeJsonOnly'): string =>
        (result.rounds ?? [])
          .map(({ adapter, raw }) => {
            const base = raw?.[phase];
            return base
              ? ratio(phase === 'publish' ? adapter.publish : adapter.consume, base)
              : NONE;
          })
          .join(' ');
      return `| ${result.name} | ${ratios('publish')} | ${ratios('consume')} | ${ratios('consumeJsonOnly')} |`;
    });
  return [
    '| adapter | publish ratio per round | consume ratio per round | consume ratio to JSON only per round |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function ratesTable(results: readonly SuiteResult[]): string {
  const rows = results.map((result) => {
    if (!result.adapter) return `| ${result.name} | failed: ${result.error ?? '?'} ||||||||`;
    const { adapter, raw } = result;
    const jsonOnly = raw?.consumeJsonOnly;
    return [
      result.name,
      rate(adapter.publish),
      raw ? rate(raw.publish) : NONE,
      raw ? ratio(adapter.publish, raw.publish) : NONE,
      rate(adapter.consume),
      raw ? rate(raw.consume) : NONE,
      raw ? ratio(adapter.consume, raw.consume) : NONE,
      jsonOnly ? rate(jsonOnly) : NONE,
      jsonOnly ? ratio(adapter.consume, jsonOnly) : NONE,
    ]
      .join(' | ')
      .replace(/^/, '| ')
      .concat(' |');
  });
  return [
    '| adapter | publish msg/s | raw publish msg/s | ratio | consume msg/s | raw consume msg/s | ratio | raw consume, JSON only msg/s | ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** Wall times behind the rates, and how much of a consume went by before the first delivery. */
export function timesTable(results: readonly SuiteResult[]): string {
  const rows = results
    .filter((result) => result.adapter)
    .map((result) => {
      const pair = (pick: (m: Measurement) => number): string =>
        [result.adapter, result.raw].map((m) => (m ? `${Math.round(pick(m))}` : NONE)).join(' / ');
      return `| ${result.name} | ${pair((m) => m.publish.ms)} | ${pair((m) => m.consume.ms)} | ${pair((m) => m.consume.firstEventMs)} |`;
    });
  return [
    '| adapter | publish ms (adapter / raw) | consume ms (adapter / raw) | of which to first event (adapter / raw) |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function descriptions(results: readonly SuiteResult[]): string {
  return results
    .map(
      (result) =>
        `- ${result.name}: ${result.adapterDescription}` +
        (result.rawDescription ? `; raw: ${result.rawDescription}` : ' (no raw client)'),
    )
    .join('\n');
}

/** The adapters below RATIO_GOAL of their raw client, one line each; empty when none. */
export function belowGoal(results: readonly SuiteResult[]): string[] {
  const lines: string[] = [];
  for (const { name, adapter, raw } of results) {
    if (!adapter || !raw) continue;
    for (const phase of ['publish', 'consume'] as const) {
      const value = perSecond(adapter[phase]) / perSecond(raw[phase]);
      if (value < RATIO_GOAL) {
        lines.push(`${name} ${phase}: ${value.toFixed(2)}x its raw client (goal ${RATIO_GOAL}x)`);
      }
    }
  }
  return lines;
}

function rate(throughput: Throughput): string {
  return Math.round(perSecond(throughput)).toLocaleString('en-US');
}

function ratio(adapter: Throughput, raw: Throughput): string {
  return `${(perSecond(adapter) / perSecond(raw)).toFixed(2)}x`;
}
