import { readFileSync } from 'node:fs';
import { sep } from 'node:path';

/** The parts of a V8 `.cpuprofile` (Profiler.stop's `profile`) this summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function (or area) and its share of the busy samples. */
export interface ProfileShare {
  readonly name: string;
  readonly percent: number;
}

export interface ProfileSummary {
  /** Samples outside `(idle)`, as a share of all: how busy the process was. */
  readonly busyPercent: number;
  /** Self time by function, as a share of the busy samples. */
  readonly selfByFunction: readonly ProfileShare[];
  /** Self time by where the code lives: a package, Node itself, the app, GC. */
  readonly selfByArea: readonly ProfileShare[];
  /** Time inside each of the app's and libs' functions, callees included. */
  readonly inclusiveOwnCode: readonly ProfileShare[];
}

/** V8's pseudo-frames that are not code of anyone's. */
const IDLE = '(idle)';

/**
 * What a CPU profile says at a glance: where the busy samples' time went, by function, by
 * area (package, Node's own code, the repository's code, GC) and, for the repository's own
 * functions, including what they call.
 */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === IDLE) continue;
    busy += 1;
    add(self, functionKey(node.callFrame));
    add(area, areaOf(node.callFrame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !isOwnCode(frame.url)) continue;
      const key = functionKey(frame);
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key);
      }
    }
  }
  const shares = (counts: Map<string, number>) =>
    [...counts.entries()]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, count]) => ({ name, percent: (count * 100) / Math.max(1, busy) }));
  return {
    busyPercent: (busy * 100) / Math.max(1, profile.samples.length),
    selfByFunction: shares(self),
    selfByArea: shares(area),
    inclusiveOwnCode: shares(inclusive),
  };
}

export function summaryText(summary: ProfileSummary): string {
  const list = (shares: readonly ProfileShare[]) =>
    shares.map(({ name, percent }) => `  ${percent.toFixed(1).padStart(5)}%  ${name}`).join('\n');
  return [
    `busy ${summary.busyPercent.toFixed(1)}% of the samples; shares below are of the busy ones`,
    'self time by area:',
    list(summary.selfByArea),
    'self time by function:',
    list(summary.selfByFunction),
    "inclusive time of the repository's own functions:",
    list(summary.inclusiveOwnCode),
  ].join('\n');
}

function add(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function functionKey(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/** `node_modules/<package>`, `node:<module>`, the repository's top folder, or V8's own. */
function areaOf(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName || '(native)';
  // The last node_modules in the path: the package the code belongs to.
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  if (packages.length > 0) return packages[packages.length - 1][1];
  if (url.startsWith('node:')) return `node (${url.slice(5).split('/')[0]})`;
  const own = /\/(apps|libs|bench)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : shortUrl(url);
}

function isOwnCode(url: string): boolean {
  return /\/(apps|libs)\//.test(url) && !url.includes('node_modules');
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf(`node_modules${sep}`);
  if (modules !== -1) return path.slice(modules + 'node_modules/'.length);
  const own = /\/((?:apps|libs|bench)\/.*)$/.exec(path);
  return own ? own[1] : path;
}
