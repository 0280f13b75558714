#!/usr/bin/env node
// Footprint benchmark: starts each app on the embedded default, one at a time, and
// reports its start-up time (spawn to first 200 from /health) and idle RSS next to the
// baseline, the smallest app of the same stack (baseline/main.ts), measured in the same run.
// Goal: no app above 1.3x the baseline's RSS. Record the figures in bench/RESULTS.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SUBJECTS = [
  { name: 'baseline', entry: 'dist/bench/footprint/baseline/main.js' },
  ...['event-manager', 'handler-router', 'severity-pipeline', 'event-hub', 'shop'].map((name) => ({
    name,
    entry: `dist/apps/${name}/main.js`,
  })),
];
const PORT = 3990;
const IDLE_MS = Number(process.env.FOOTPRINT_IDLE_MS ?? 5000);
const RSS_GOAL = 1.3;

function rssMiB(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return kb / 1024;
}

async function untilHealthy(child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(20);
  }
  throw new Error('no healthy /health within 60 s');
}

async function measure({ name, entry }, dir) {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: `sqlite:${join(dir, `${name}.sqlite`)}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilHealthy(child, Date.now() + 60_000);
    const startupMs = performance.now() - started;
    await sleep(IDLE_MS);
    return { name, startupMs, rss: rssMiB(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve() : child.once('exit', resolve),
    );
  }
}

const build = spawnSync(
  process.execPath,
  ['node_modules/@nestjs/cli/bin/nest.js', 'build', '--all'],
  {
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(1);

const dir = mkdtempSync(join(tmpdir(), 'footprint-'));
const rows = [];
for (const subject of SUBJECTS) rows.push(await measure(subject, dir));
rmSync(dir, { recursive: true, force: true });

const base = rows[0];
console.log(`\nNode ${process.version}, ${IDLE_MS / 1000}s idle before reading RSS\n`);
console.log('| app | start-up (ms) | idle RSS (MiB) | RSS vs baseline |');
console.log('|---|---:|---:|---:|');
let over = false;
for (const row of rows) {
  const ratio = row.rss / base.rss;
  if (ratio > RSS_GOAL) over = true;
  console.log(
    `| ${row.name} | ${row.startupMs.toFixed(0)} | ${row.rss.toFixed(1)} | ${ratio.toFixed(2)}x |`,
  );
}
console.log(
  over
    ? `\nAt least one app is above the ${RSS_GOAL}x goal.`
    : `\nEvery app is within the ${RSS_GOAL}x goal.`,
);
