import { loadavg } from 'node:os';
import { cpuSnapshot } from '../severity-pipeline/cpu';
import type { LoadResult } from './closed-loop';
import { machineBusyMs } from './machine-cpu';
import type { BenchMode } from './config';
import { backlogOf, doneOf, type GroupState, type StreamProbe } from './stream-groups';

/** The server a load goes to: the hub (its API process of the mode), or the baseline. */
export type Target = 'hub' | 'baseline';

/**
 * An ingest mode; `single-paused`: REST single with the hub's other processes frozen; or
 * `store`: the MongoDB inserts alone, the storage group's baseline.
 */
export type PhaseMode = BenchMode | 'single-paused' | 'store';

export interface PhaseContext {
  readonly probe: StreamProbe;
  /** The hub's stream, whose groups are watched after a hub load. */
  readonly stream: string;
  /** The groups that must catch up after a hub load (storage, metrics). */
  readonly groups: readonly string[];
  readonly drainTimeoutMs: number;
  /** The processes whose CPU time is reported, by name. */
  readonly pids: Readonly<Record<string, number | undefined>>;
}

/** How one consumer group kept up with a hub load. */
export interface GroupDrain {
  readonly group: string;
  /** Entries it acknowledged from the load's start until it caught up (or gave up). */
  readonly done: number;
  /** Of those, acknowledged by the time the last answer of the load came back. */
  readonly doneDuringLoad: number;
  /** From the load's last answer to lag and pending both zero; undefined: not in time. */
  readonly caughtUpAfterMs: number | undefined;
  /** Most entries it was behind at any sample (every ~200 ms during the load). */
  readonly maxBacklog: number;
  /** `done` over the load's first request to the moment it caught up. */
  readonly perSecond: number;
}

/** Which load a phase is. */
export interface PhaseSpec {
  readonly mode: PhaseMode;
  readonly target: Target;
  /** Requests (or streams) in flight at once. */
  readonly inFlight: number;
}

export interface PhaseResult extends PhaseSpec {
  readonly load: LoadResult;
  readonly acceptedPerSecond: number;
  /** The hub's consumer groups (none for the baseline, which nobody consumes). */
  readonly groups: readonly GroupDrain[];
  /** CPU each process used during the load, in cores (1.0 = one core all the time). */
  readonly coresDuringLoad: Readonly<Record<string, number | undefined>>;
  /** CPU the whole machine used during the load, in cores: the processes above and others. */
  readonly machineCoresDuringLoad: number | undefined;
  /** CPU µs per accepted event of each process, over the load and the catching up after it. */
  readonly cpuUsPerEvent: Readonly<Record<string, number | undefined>>;
  /** The 1-minute load average as the load began and as the phase ended. */
  readonly loadAverage: readonly [number, number];
}

const SAMPLE_MS = 200;
const DRAIN_POLL_MS = 50;

/**
 * Runs one load and, for a hub load, waits until every consumer group has acknowledged
 * everything on the stream, sampling their backlog meanwhile, and reads each process's CPU.
 */
export async function runPhase(
  context: PhaseContext,
  spec: PhaseSpec,
  load: () => Promise<LoadResult>,
): Promise<PhaseResult> {
  const watched = spec.target === 'hub' ? context.groups : [];
  const loadAverageBefore = loadavg()[0];
  const before = await readGroups(context, watched);
  const maxBacklog = new Map(watched.map((group) => [group, 0]));
  const cpuBefore = cpuSnapshot(context.pids);
  const machineBefore = machineBusyMs();
  let loading = true;
  const sampling = (async () => {
    while (loading) {
      await sleep(SAMPLE_MS);
      noteBacklog(maxBacklog, await readGroups(context, watched));
    }
  })();
  let result: LoadResult;
  try {
    result = await load();
  } finally {
    loading = false;
    await sampling;
  }
  const cpuAtLoadEnd = cpuSnapshot(context.pids);
  const machineAtLoadEnd = machineBusyMs();
  const atLoadEnd = await readGroups(context, watched);
  noteBacklog(maxBacklog, atLoadEnd);

  const caughtUpAt = new Map<string, number>();
  const deadline = Date.now() + context.drainTimeoutMs;
  let latest = atLoadEnd;
  for (;;) {
    const now = Date.now();
    for (const group of latest.values()) {
      if (backlogOf(group) === 0 && !caughtUpAt.has(group.name)) caughtUpAt.set(group.name, now);
    }
    if (caughtUpAt.size === watched.length || now > deadline) break;
    await sleep(DRAIN_POLL_MS);
    latest = await readGroups(context, watched);
  }
  const cpuAfter = cpuSnapshot(context.pids);

  const groups = watched.map((name): GroupDrain => {
    const start = doneOf(required(before, name));
    const done = doneOf(required(latest, name)) - start;
    const at = caughtUpAt.get(name);
    return {
      group: name,
      done,
      doneDuringLoad: doneOf(required(atLoadEnd, name)) - start,
      caughtUpAfterMs: at === undefined ? undefined : Math.max(0, at - result.endedAt),
      maxBacklog: maxBacklog.get(name) ?? 0,
      perSecond: (done * 1000) / ((at ?? Date.now()) - result.startedAt),
    };
  });
  const loadSeconds = (result.endedAt - result.startedAt) / 1000;
  return {
    ...spec,
    load: result,
    acceptedPerSecond: result.events / loadSeconds,
    groups,
    coresDuringLoad: mapDelta(cpuBefore, cpuAtLoadEnd, (ms) => ms / 1000 / loadSeconds),
    machineCoresDuringLoad:
      machineBefore === undefined || machineAtLoadEnd === undefined
        ? undefined
        : (machineAtLoadEnd - machineBefore) / 1000 / loadSeconds,
    cpuUsPerEvent: mapDelta(cpuBefore, cpuAfter, (ms) => (ms * 1000) / result.events),
    loadAverage: [loadAverageBefore, loadavg()[0]],
  };
}

async function readGroups(
  context: PhaseContext,
  names: readonly string[],
): Promise<Map<string, GroupState>> {
  if (names.length === 0) return new Map();
  return context.probe.groups(context.stream);
}

function noteBacklog(maxBacklog: Map<string, number>, groups: Map<string, GroupState>): void {
  for (const [name, most] of maxBacklog) {
    const group = groups.get(name);
    if (group) maxBacklog.set(name, Math.max(most, backlogOf(group)));
  }
}

function required(groups: Map<string, GroupState>, name: string): GroupState {
  const group = groups.get(name);
  if (!group) throw new Error(`no consumer group "${name}" on the stream`);
  return group;
}

function mapDelta(
  before: Readonly<Record<string, number | undefined>>,
  after: Readonly<Record<string, number | undefined>>,
  scale: (ms: number) => number,
): Record<string, number | undefined> {
  return Object.fromEntries(
    Object.entries(after).map(([name, ms]) => {
      const start = before[name];
      return [name, ms === undefined || start === undefined ? undefined : scale(ms - start)];
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
