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
export function runMeasured(command: string, args: string[], options: SpawnOptions & { timeoutMs?: number; pollMs?: number } = {}): Promise<MeasuredRun> {
  const { timeoutMs = 120_000, pollMs = 5, ...spawnOptions } = options;
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
    let processPeakKb = 0;
    let treePeakKb = 0;
    const sample = () => {
      const own = readStatus(pid);
      processPeakKb = Math.max(processPeakKb, kb(own, 'VmHWM'));
      const tree = kb(own, 'VmRSS') + descendants(pid).reduce((sum, p) => sum + kb(readStatus(p), 'VmRSS'), 0);
      treePeakKb = Math.max(treePeakKb, tree);
    };
    const poll = setInterval(sample, pollMs);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearInterval(poll);
      clearTimeout(killer);
      reject(error);
    });
    child.once('close', (status, signal) => {
      clearInterval(poll);
      clearTimeout(killer);
      resolve({
        status,
        signal,
        stdout,
        stderr,
        processPeakMb: Math.round(processPeakKb / 1024),
        treePeakMb: Math.round(Math.max(treePeakKb, processPeakKb) / 1024),
      });
    });
  });
}
