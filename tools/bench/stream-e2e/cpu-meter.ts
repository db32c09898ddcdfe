import { readdirSync, readFileSync } from 'node:fs';
import type { Metric } from '../benchmark.ts';

// CPU accounting from /proc (Linux): where the stream benchmark's CPU goes, per process group.

const TICKS_PER_SECOND = 100;

/** utime + stime of one process, in seconds (0 when it is gone). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      list.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // exited while listing
    }
  }
  return list;
}

/** A process and its descendants (tsx starts an esbuild child). */
function processTree(root: number): number[] {
  const all = processes();
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) for (const p of all) if (p.ppid === tree[i]) tree.push(p.pid);
  return tree;
}

/**
 * The processes whose CPU a phase is charged with. PostgreSQL: the backends connected to this
 * run's database(s) plus the shared background writers (WAL writer, checkpointer...), not other
 * databases' backends, since other work may share the server.
 */
export function cpuGroups(databases: string[], sinkPid: number | undefined): Record<string, number[]> {
  const all = processes();
  const postgres = all
    .filter((p) => p.cmdline.startsWith('postgres:'))
    .filter((p) => {
      const words = p.cmdline.split(/\s+/);
      // Backends read "postgres: <user> <database> <client> <state>".
      const isBackend = words.length >= 4 && /\(\d+\)$|\[local\]/.test(words[3] ?? '');
      return !isBackend || databases.includes(words[2] ?? '');
    })
    .map((p) => p.pid);
  return {
    sink: sinkPid === undefined ? [] : processTree(sinkPid),
    broker: all.filter((p) => p.cmdline.includes('kafka.Kafka')).map((p) => p.pid),
    postgres,
  };
}

/** CPU seconds per group from construction to stop(); pids are looked up at both ends. */
export class CpuMeter {
  private readonly startSelf = process.cpuUsage();
  private readonly start: Map<number, number>;
  private readonly machineStart = machineBusySeconds();
  constructor(private readonly groups: () => Record<string, number[]>) {
    this.start = new Map(Object.values(groups()).flat().map((pid) => [pid, cpuSecondsOf(pid)]));
  }
  /** Call while the processes are still alive. */
  stop(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups())) {
      let seconds = 0;
      // A pid that appeared during the phase started at 0.
      for (const pid of pids) seconds += cpuSecondsOf(pid) - (this.start.get(pid) ?? 0);
      result[name] = seconds;
    }
    const self = process.cpuUsage(this.startSelf);
    result['bench process'] = (self.user + self.system) / 1e6;
    const machine = machineBusySeconds();
    result['whole machine'] = machine - this.machineStart;
    return result;
  }
}

/** Busy (non-idle, non-iowait) CPU seconds of all cores since boot. */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal ...
  const [, user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

export function cpuMetrics(phase: string, cpu: Record<string, number>, events: number): Metric[] {
  const perMillion = 1_000_000 / events;
  return Object.entries(cpu).map(([name, seconds]) => ({
    name: `${phase}: CPU ${name} per 1M events`,
    value: Math.round(seconds * perMillion * 10) / 10,
    unit: 's',
  }));
}
