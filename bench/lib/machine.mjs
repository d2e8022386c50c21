import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What the figures were measured on. */
export function machineInfo() {
  const cpus = os.cpus();
  let load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  let cgroupCpus = null;
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota !== 'max') cgroupCpus = Number(quota) / Number(period);
  } catch {
    /* not cgroup v2 or no limit */
  }
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    cgroupCpus,
    memoryBytes: os.totalmem(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: load,
    date: new Date().toISOString(),
  };
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time a process has used, user and system, in microseconds, all its threads together (libuv's
 * thread pool and V8's helpers included; Linux /proc, clock ticks of 10 ms as the kernel counts them).
 */
export function cpuTimeOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tickUs = 1e6 / 100;
  return { userUs: Number(fields[11]) * tickUs, systemUs: Number(fields[12]) * tickUs };
}
