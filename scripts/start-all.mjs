#!/usr/bin/env node
// `npm start`: builds the five apps and runs each as its own process on the embedded
// defaults (in-memory transport, SQLite under data/), prints their URLs once
// /health/ready answers, and stops them all on Ctrl-C. `nest start <app>` runs one app instead.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const APPS = [
  { name: 'event-manager', port: 3001 },
  { name: 'handler-router', port: 3002 },
  { name: 'severity-pipeline', port: 3003 },
  { name: 'event-hub', port: 8000 },
  { name: 'shop', port: 3005 },
];
const READY_TIMEOUT_MS = 60_000;

function build() {
  console.log('start: building the apps (nest build --all)');
  const result = spawnSync('node', ['node_modules/@nestjs/cli/bin/nest.js', 'build', '--all'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The apps write to our pipes, not to the terminal: tell them to log readable lines when we
// were started from one (LOG_FORMAT=auto would pick JSON), unless the user chose a format.
const env =
  process.stdout.isTTY && !process.env.LOG_FORMAT
    ? { ...process.env, LOG_FORMAT: 'text' }
    : process.env;

function launch({ name }) {
  const child = spawn(process.execPath, [`dist/apps/${name}/main.js`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  return child;
}

async function waitHealthy({ name, port }, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer /health/ready within ${READY_TIMEOUT_MS / 1000}s`);
}

function stopAll(children, code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  ).then(() => process.exit(code));
}

build();
const children = APPS.map(launch);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`start: ${signal}, stopping the apps`);
    stopAll(children, 0);
  });
}
children.forEach((child, i) =>
  child.once('exit', (code) => {
    if (stopping) return;
    stopping = true;
    console.error(
      `start: ${APPS[i].name} stopped unexpectedly (exit code ${code}); stopping the others`,
    );
    stopAll(children, 1);
  }),
);

try {
  await Promise.all(APPS.map((app, i) => waitHealthy(app, children[i])));
} catch (error) {
  if (!stopping) {
    stopping = true;
    console.error(`start: ${error.message}`);
    stopAll(children, 1);
  }
}
if (!stopping) {
  console.log('\nAll five apps are up (Ctrl-C stops them):');
  for (const { name, port } of APPS)
    console.log(`  ${name.padEnd(18)} http://localhost:${port}  (health: /health, /health/ready)`);
}
