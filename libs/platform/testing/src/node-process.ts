import { spawn } from 'node:child_process';

export interface NodeProcess {
  pid: number;
  /** Lines the process wrote (stdout and stderr), the last `keepLines` of them. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

export interface NodeProcessOptions {
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** How many output lines to keep (a long benchmark run writes many). Default: all. */
  keepLines?: number;
}

/**
 * `node <launch...> <args...>` as one child process (node flags and the entry script in `launch`,
 * e.g. `['--import', 'tsx', 'apps/x/src/main.ts']` or a bundle with its serve flags), so that a
 * signal reaches the app itself, not a wrapper. Used by fault tests (SIGKILL mid-batch) and by the
 * benchmarks that run an app as deployed.
 */
export function startNodeProcess(launch: string[], args: string[], options: NodeProcessOptions): NodeProcess {
  const child = spawn(process.execPath, [...launch, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${launch.join(' ')}`);
  const output: string[] = [];
  const keep = options.keepLines ?? Number.POSITIVE_INFINITY;
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
    if (output.length > keep) output.splice(0, output.length - keep);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid, output, exited, kill: (signal) => void child.kill(signal) };
}
