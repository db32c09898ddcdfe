import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from '@ledgerline/testing';

export interface MainJobRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface MainJobOptions {
  args: string[];
  env: Record<string, string>;
  /**
   * Sent once stdout matches `when` (e.g. the first status line with events) and `first` (checks
   * made while the job runs, given its stdout so far) has settled.
   */
  signal?: { name: NodeJS.Signals; when: RegExp; first?: (stdout: string) => Promise<unknown> };
  /**
   * Run it the README's way, `bash tools/start.sh` (what `npm start` runs), in a process group of
   * its own, and send the signal to the whole group as a terminal's Ctrl-C does.
   */
  viaNpmStart?: boolean;
  /** SIGKILLed if still running after this long (the run then reports `signal: 'SIGKILL'`): a hang fails, not times out. */
  killAfterMs?: number;
}

/**
 * Runs the main job (apps/pipeline/src/main.ts through tsx) as a real child process — its own
 * PGlite, bus and DuckDB files in env.DATA_DIR — optionally sending it a signal mid-run.
 */
export function runMainJob(options: MainJobOptions): Promise<MainJobRun> {
  return new Promise((resolvePromise, reject) => {
    const [command, commandArgs] = options.viaNpmStart
      ? ['bash', [resolve(repoRoot(), 'tools/start.sh'), ...options.args]]
      : [process.execPath, ['--import', 'tsx', resolve(repoRoot(), 'apps/pipeline/src/main.ts'), ...options.args]];
    const child = spawn(command, commandArgs, {
      cwd: repoRoot(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.viaNpmStart === true,
    });
    const send = (name: NodeJS.Signals) => (options.viaNpmStart && child.pid !== undefined ? process.kill(-child.pid, name) : child.kill(name));
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const signal = options.signal;
      if (signal && !signalled && signal.when.test(stdout)) {
        signalled = true;
        const first = signal.first ? signal.first(stdout).catch(() => undefined) : Promise.resolve();
        void first.then(() => send(signal.name));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => send('SIGKILL'), options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** The env of a main job on embedded defaults only, whatever the developer's shell has set. */
export function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    METRICS_PORT: '0',
    // Its dashboard on any free port: tests run side by side (and beside a developer's npm start).
    DASHBOARD_PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    KAFKA_BROKERS: '',
    CHROMA_URL: '',
    GOOGLE_API_KEY: '',
    // Market data has its own test (stages/market-stage.int.spec.ts).
    PIPELINE_MARKET_ENABLED: 'false',
    ...extra,
  };
}
