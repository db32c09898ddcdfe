import { join } from 'node:path';
import { startNodeProcess, type NodeProcess } from '@ledgerline/testing';

export type SinkProcess = NodeProcess;

/**
 * The real stream-sink app as a child process (`tsx apps/stream-sink/src/main.ts`), run as one
 * node process with the tsx loader so that a SIGKILL hits the sink itself, not a wrapper.
 */
export function startSinkProcess(repoRoot: string, env: Record<string, string>, args: string[]): SinkProcess {
  return startNodeProcess(['--import', 'tsx', join('apps', 'stream-sink', 'src', 'main.ts')], args, { cwd: repoRoot, env: { SINK_METRICS_PORT: '0', ...env } });
}
