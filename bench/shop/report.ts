import type { Cores, DeploymentResult } from './deployment-run';

/** The replay rate issue 17 asks for. */
export const REPLAY_GOAL_PER_SECOND = 5000;

export function resultTable(results: readonly DeploymentResult[]): string {
  const rows = results.map((r) => {
    const loaded = r.counts.products + r.counts.customers + r.counts.purchases;
    return row([
      r.deployment,
      count(loaded),
      seconds(r.projectorStartMs),
      count((r.loadedEvents * 1000) / r.loadMs),
      count(r.projectedEvents),
      seconds(r.projectionMs),
      count((r.projectedEvents * 1000) / r.projectionMs),
      count(r.replay.projected),
      `${seconds(r.replayPassMs[0])} + ${seconds(r.replayPassMs[1])}`,
      count(replayRate(r)),
      `${r.loadAverage[0].toFixed(2)} → ${r.loadAverage[1].toFixed(2)}`,
    ]);
  });
  return [
    '| deployment | N | projector start on the catalogue s | load events/s | events projected | projection s | projection events/s | events replayed | replay pass 1 + 2 s | replay events/s | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** Cores each process used while projecting and while replaying. */
export function cpuTable(results: readonly DeploymentResult[]): string {
  const rows = results.flatMap((r) => [
    row([r.deployment, 'projection', cores(r.projectionCores)]),
    row([r.deployment, 'replay', cores(r.replayCores)]),
  ]);
  return ['| deployment | phase | CPU in cores |', '|---|---|---|', ...rows].join('\n');
}

export function storeLines(results: readonly DeploymentResult[]): string[] {
  return results.map(({ deployment, afterProjection: s, problems }) => {
    const verdict =
      problems.length === 0
        ? 'as loaded, and the same after the replay'
        : `PROBLEMS: ${problems.join('; ')}`;
    return (
      `${deployment}: ${count(s.products)} products, ${count(s.customers)} customers, ` +
      `${count(s.completed)} purchases completed and ${count(s.rejected)} rejected, ` +
      `${count(s.stock)} units left: ${verdict}`
    );
  });
}

export function verdicts(results: readonly DeploymentResult[]): string[] {
  return results.map((r) => {
    const rate = replayRate(r);
    const reached = rate >= REPLAY_GOAL_PER_SECOND ? 'reaches' : 'does NOT reach';
    return `${r.deployment}: replay at ${count(rate)} events/s ${reached} the goal of ${count(REPLAY_GOAL_PER_SECOND)} events/s`;
  });
}

/** As the replay reports it: the events of the log it projected over its whole run. */
function replayRate(r: DeploymentResult): number {
  return (r.replay.projected * 1000) / r.replay.ms;
}

function cores(values: Cores): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${value === undefined ? '?' : value.toFixed(2)}`)
    .join(', ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
