import type { BenchConfig, BenchMode } from './config';
import type { GroupDrain, PhaseMode, PhaseResult } from './phase';

/** Issue 16, "Throughput". */
export const SINGLE_RATIO_GOAL = 0.7;
export const BATCH_EVENTS_GOAL = 50_000;
export const CATCH_UP_GOAL_MS = 5000;
/** The storage target is stated for a load of this length. */
export const CATCH_UP_GOAL_LOAD_SECONDS = 60;

const MODE_NAMES: Readonly<Record<PhaseMode, string>> = {
  single: 'REST single',
  batch: 'REST batch',
  grpc: 'gRPC SendEvents',
  'single-paused': 'REST single, consumers and gRPC server paused',
  store: 'MongoDB insertMany alone',
};

export function resultTable(results: readonly PhaseResult[], groupNames: GroupNames): string {
  const lines = [
    '| mode | server | in flight | events/request | accepted req/s | accepted events/s | accept p50 / p99 / max ms | stored events/s | storage caught up after load ms | metrics caught up after load ms | storage max backlog | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((result) => {
      const storage = result.groups.find(({ group }) => group === groupNames.storage);
      const metrics = result.groups.find(({ group }) => group === groupNames.metrics);
      const { load } = result;
      const loadSeconds = (load.endedAt - load.startedAt) / 1000;
      return row([
        MODE_NAMES[result.mode],
        result.target,
        `${result.inFlight}`,
        count(load.events / Math.max(1, load.requests)),
        count(load.requests / loadSeconds),
        count(result.acceptedPerSecond),
        `${ms(load.latency.percentile(50))} / ${ms(load.latency.percentile(99))} / ${ms(load.latency.largest)}`,
        storage ? count(storage.perSecond) : '—',
        storage ? caughtUp(storage) : '—',
        metrics ? caughtUp(metrics) : '—',
        storage ? count(storage.maxBacklog) : '—',
        `${result.loadAverage[0].toFixed(2)} → ${result.loadAverage[1].toFixed(2)}`,
      ]);
    }),
  ];
  return lines.join('\n');
}

/**
 * The hub against the baseline in the same run, per mode both were measured in; and the
 * storage group's rate in the REST batch load (the largest backlog) against the inserts alone.
 */
export function ratioTable(results: readonly PhaseResult[], groupNames: GroupNames): string {
  const lines = ['| mode | hub | baseline | hub / baseline |', '|---|---:|---:|---:|'];
  for (const mode of ['single', 'batch'] as const) {
    const hub = results.find((result) => result.mode === mode && result.target === 'hub');
    const baseline = results.find((result) => result.mode === mode && result.target === 'baseline');
    if (!hub || !baseline) continue;
    const unit = mode === 'single' ? 'req/s' : 'events/s';
    lines.push(
      row([
        MODE_NAMES[mode],
        `${count(hub.acceptedPerSecond)} ${unit}`,
        `${count(baseline.acceptedPerSecond)} ${unit}`,
        `${(hub.acceptedPerSecond / baseline.acceptedPerSecond).toFixed(2)}x`,
      ]),
    );
  }
  const storing = results.find((result) => result.mode === 'batch' && result.target === 'hub');
  const storage = storing?.groups.find(({ group }) => group === groupNames.storage);
  const inserts = results.find((result) => result.mode === 'store');
  if (storage && inserts) {
    lines.push(
      row([
        'storage group (REST batch load) vs insertMany alone',
        `${count(storage.perSecond)} events/s`,
        `${count(inserts.acceptedPerSecond)} documents/s`,
        `${(storage.perSecond / inserts.acceptedPerSecond).toFixed(2)}x`,
      ]),
    );
  }
  return lines.join('\n');
}

/** Each process's CPU during each load (cores) and per event over load and catch-up (µs). */
export function cpuTable(results: readonly PhaseResult[]): string {
  const names = Object.keys(results[0]?.coresDuringLoad ?? {});
  const lines = [
    `| mode | server | ${names.join(' | ')} | total | other processes | machine |`,
    `|---|---|${names.map(() => '---:').join('|')}|---:|---:|---:|`,
    ...results.map((result) => {
      const cells = names.map((name) => {
        const cores = result.coresDuringLoad[name];
        const us = result.cpuUsPerEvent[name];
        return `${cores === undefined ? '?' : cores.toFixed(2)} (${us === undefined ? '?' : Math.round(us)})`;
      });
      const total = names.reduce((sum, name) => sum + (result.coresDuringLoad[name] ?? 0), 0);
      const totalUs = names.reduce((sum, name) => sum + (result.cpuUsPerEvent[name] ?? 0), 0);
      const machine = result.machineCoresDuringLoad;
      return row([
        MODE_NAMES[result.mode],
        result.target,
        ...cells,
        `${total.toFixed(2)} (${Math.round(totalUs)})`,
        machine === undefined ? '?' : (machine - total).toFixed(2),
        machine === undefined ? '?' : machine.toFixed(2),
      ]);
    }),
  ];
  return lines.join('\n');
}

export interface GroupNames {
  readonly storage: string;
  readonly metrics: string;
}

/** One line per target of issue 16: met or not, with the figures that say so. */
export function verdicts(
  results: readonly PhaseResult[],
  config: BenchConfig,
  groupNames: GroupNames,
): string[] {
  const lines: string[] = [];
  const of = (mode: BenchMode, target: 'hub' | 'baseline') =>
    results.find((result) => result.mode === mode && result.target === target);
  const single = of('single', 'hub');
  const singleBaseline = of('single', 'baseline');
  if (single && singleBaseline) {
    const ratio = single.acceptedPerSecond / singleBaseline.acceptedPerSecond;
    lines.push(
      `REST single: ${count(single.acceptedPerSecond)} req/s, ${ratio.toFixed(2)}x the baseline's ` +
        `${count(singleBaseline.acceptedPerSecond)} (goal ≥ ${SINGLE_RATIO_GOAL}x): ${met(ratio >= SINGLE_RATIO_GOAL)}`,
    );
  }
  const batch = of('batch', 'hub');
  if (batch) {
    lines.push(
      `REST batch: ${count(batch.acceptedPerSecond)} events/s accepted ` +
        `(goal ≥ ${count(BATCH_EVENTS_GOAL)}): ${met(batch.acceptedPerSecond >= BATCH_EVENTS_GOAL)}`,
    );
  }
  const short =
    config.seconds < CATCH_UP_GOAL_LOAD_SECONDS
      ? ` (after a ${config.seconds} s load; the goal is for ${CATCH_UP_GOAL_LOAD_SECONDS} s: BENCH_SECONDS=60)`
      : '';
  for (const result of results.filter(({ target }) => target === 'hub')) {
    const storage = result.groups.find(({ group }) => group === groupNames.storage);
    if (!storage) continue;
    const after = storage.caughtUpAfterMs;
    lines.push(
      `${MODE_NAMES[result.mode]}: storage lag back to zero ${after === undefined ? `not within ${config.drainTimeoutMs} ms` : `${count(after)} ms`} ` +
        `after the load, ${count(storage.perSecond)} stored/s against ${count(result.acceptedPerSecond)} accepted/s ` +
        `(goal ≤ ${count(CATCH_UP_GOAL_MS)} ms)${short}: ${met(after !== undefined && after <= CATCH_UP_GOAL_MS)}`,
    );
  }
  return lines;
}

function caughtUp(group: GroupDrain): string {
  return group.caughtUpAfterMs === undefined ? 'not in time' : count(group.caughtUpAfterMs);
}

function met(yes: boolean): string {
  return yes ? 'met' : 'NOT met';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number | null): string {
  if (value === null) return '—';
  return value >= 100 ? `${Math.round(value)}` : value.toFixed(1);
}
