import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface SinkProcess {
  pid: number;
  /** Every line the process wrote (stdout and stderr). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * The real stream-sink app as a child process (`tsx apps/stream-sink/src/main.ts`), run as one
 * node process with the tsx loader so that a SIGKILL hits the sink itself, not a wrapper.
 */
export function startSinkProcess(repoRoot: string, env: Record<string, string>, args: string[]): SinkProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join('apps', 'stream-sink', 'src', 'main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start the stream sink');
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid, output, exited, kill: (signal) => void child.kill(signal) };
}
