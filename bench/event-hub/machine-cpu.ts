import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second (`getconf CLK_TCK`), as bench/severity-pipeline/cpu.ts. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) all cores together have spent busy so far (`/proc/stat`: everything but
 * idle and I/O wait), so a load's figures can say how much of the machine went to processes
 * the bench does not know: other sessions' tests on a shared machine. Undefined off Linux.
 */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const [, ...fields] = line.trim().split(/\s+/);
    const ticks = fields.map(Number);
    // Steal (time the hypervisor gave to other guests) is not this machine's work.
    const [user, nice, system, idle, iowait, irq, softirq] = ticks;
    const busy = user + nice + system + irq + softirq;
    if (!Number.isFinite(busy) || !Number.isFinite(idle + iowait)) return undefined;
    return (busy * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
