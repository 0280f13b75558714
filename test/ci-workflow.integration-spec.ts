import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// The GitHub workflow cannot run here. actionlint (from the Go module proxy, through
// scripts/tools.sh) checks it as GitHub would read it, and the rest checks that it keeps
// doing what .ci/run does.
const root = join(__dirname, '..');
const WORKFLOW = '.github/workflows/ci.yml';
const APPS = ['event-manager', 'handler-router', 'severity-pipeline', 'event-hub', 'shop'];

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly if?: string;
  readonly needs?: string;
  readonly steps: readonly Step[];
  readonly strategy?: { readonly matrix: { readonly app: readonly string[] } };
}

const workflow = parse(readFileSync(join(root, WORKFLOW), 'utf8')) as {
  jobs: Record<string, Job>;
};

/** The commands .ci/run runs: its lines that are neither comments, set-up nor `echo`. */
function ciRunCommands(): string[] {
  return readFileSync(join(root, '.ci/run'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(#|set |cd |echo )/.test(line));
}

describe(WORKFLOW, () => {
  it('passes actionlint', () => {
    const actionlint = execFileSync('bash', ['scripts/tools.sh', 'actionlint'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    // Exits non-zero, printing each problem, on a workflow GitHub would reject or misread.
    expect(execFileSync(actionlint, [WORKFLOW], { cwd: root, encoding: 'utf8' })).toBe('');
  });

  it('runs every command of .ci/run, in the same order', () => {
    const runs = workflow.jobs.test.steps.flatMap((step) => (step.run ? [step.run] : []));
    const at = ciRunCommands().map((command) => runs.findIndex((run) => run.endsWith(command)));
    expect(at).not.toContain(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('builds and pushes an image of each app, on version tags only, once the tests passed', () => {
    const { images } = workflow.jobs;
    expect(images.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(images.needs).toBe('test');
    expect([...(images.strategy?.matrix.app ?? [])].sort()).toEqual([...APPS].sort());
    const build = images.steps.find((step) => step.uses?.startsWith('docker/build-push-action'));
    expect(build?.with).toMatchObject({ push: true, 'build-args': 'APP=${{ matrix.app }}' });
  });
});
