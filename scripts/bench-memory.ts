import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of every process in a process group (its leader and whatever it started), MB. */
function groupRssMb(group: number): number {
  let kb = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state, ppid, pgrp, …
      const [, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== group) continue;
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return kb / 1024;
}

/**
 * Samples the group's resident memory every 50 ms: `read()` gives its RSS now and its peak since
 * the last `phase()` (a sampled sum: a spike shorter than 50 ms can be missed, and each
 * process's own VmHWM is not summed since they need not peak together).
 */
export function groupMemory(group: number) {
  let peak = 0;
  const sample = (): number => {
    const rss = groupRssMb(group);
    peak = Math.max(peak, rss);
    return rss;
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    phase: () => void (peak = sample()),
    read: () => ({ rss: sample(), peak }),
    stop: () => clearInterval(timer),
  };
}
