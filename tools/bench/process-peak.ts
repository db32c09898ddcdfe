import { spawn, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface MeasuredRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Kernel high-water mark (VmHWM, MB) of the spawned process, last read before it ended. */
  processPeakMb: number;
  /** Largest sampled sum of VmRSS (MB) over the process and all its descendants (child processes it starts). */
  treePeakMb: number;
  /** Largest sampled VmRSS (MB) of any one descendant, by its command name (e.g. `python3` for dbt). */
  childPeaksMb: Record<string, number>;
  /** With `probeEveryMs`: the largest value the probe returned for the process. */
  probePeak?: number;
}

const kb = (status: string, field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return ''; // gone between listing and reading
  }
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const walk = (parent: number) => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/**
 * Runs a command and measures its memory from outside, on Linux's /proc, until it has ended.
 *
 * Why not the process's own `process.resourceUsage().maxRSS`: a process can only report what it
 * used before it printed the report. PGlite's background WASM compile (client/pglite-wasm-tier.ts)
 * kept growing the batch app by ~400 MB after its report, while it shut down. VmHWM is the
 * kernel's own high-water mark, so polling it misses nothing but the last few milliseconds.
 */
export interface MeasureOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** A costlier reading of the process (e.g. wasm-memory-probe.ts over smaps), taken this often; its peak is kept. */
  probe?: (pid: number) => number;
  probeEveryMs?: number;
  /** Called with the process's pid once it runs (e.g. to send it a signal). */
  onStart?: (pid: number) => void;
}

export function runMeasured(command: string, args: string[], options: SpawnOptions & MeasureOptions = {}): Promise<MeasuredRun> {
  const { timeoutMs = 120_000, pollMs = 5, probe, probeEveryMs = 1000, onStart, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid;
    if (pid === undefined) {
      child.once('error', reject);
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    onStart?.(pid);
    let processPeakKb = 0;
    let treePeakKb = 0;
    const childPeaksKb: Record<string, number> = {};
    let probePeak: number | undefined;
    const sample = () => {
      const own = readStatus(pid);
      processPeakKb = Math.max(processPeakKb, kb(own, 'VmHWM'));
      let tree = kb(own, 'VmRSS');
      for (const child of descendants(pid)) {
        const status = readStatus(child);
        const rss = kb(status, 'VmRSS');
        const name = /^Name:\s+(.+)$/m.exec(status)?.[1] ?? '?';
        childPeaksKb[name] = Math.max(childPeaksKb[name] ?? 0, rss);
        tree += rss;
      }
      treePeakKb = Math.max(treePeakKb, tree);
    };
    const poll = setInterval(sample, pollMs);
    const probing = probe ? setInterval(() => (probePeak = Math.max(probePeak ?? 0, probe(pid))), probeEveryMs) : undefined;
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearInterval(poll);
      clearInterval(probing);
      clearTimeout(killer);
      reject(error);
    });
    child.once('close', (status, signal) => {
      clearInterval(poll);
      clearInterval(probing);
      clearTimeout(killer);
      resolve({
        status,
        signal,
        stdout,
        stderr,
        processPeakMb: Math.round(processPeakKb / 1024),
        treePeakMb: Math.round(Math.max(treePeakKb, processPeakKb) / 1024),
        childPeaksMb: Object.fromEntries(Object.entries(childPeaksKb).map(([name, peak]) => [name, Math.round(peak / 1024)])),
        ...(probePeak !== undefined ? { probePeak } : {}),
      });
    });
  });
}
