import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// Bookkeeping that lets a test run stop the services it started without pulling a service from
// under another test run sharing the same checkout (engineers run their projects concurrently).
// Each run registers <cache>/runs/<pid>.json; services record started_at and started_by.

export interface ServiceState {
  name: string;
  startedAt: number;
  startedBy: string;
}

const runRecordSchema = z.object({ pid: z.number().int().positive(), startedAt: z.number() });

function runsDir(cacheDir: string): string {
  return join(cacheDir, 'runs');
}

export function registerRun(cacheDir: string, pid: number, startedAt: number): void {
  mkdirSync(runsDir(cacheDir), { recursive: true });
  writeFileSync(join(runsDir(cacheDir), `${pid}.json`), JSON.stringify({ pid, startedAt }));
}

export function unregisterRun(cacheDir: string, pid: number): void {
  rmSync(join(runsDir(cacheDir), `${pid}.json`), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pids of other test runs still going; records of dead runs are removed on the way. */
export function otherLiveRuns(cacheDir: string, selfPid: number): number[] {
  const dir = runsDir(cacheDir);
  if (!existsSync(dir)) return [];
  const live: number[] = [];
  for (const file of readdirSync(dir)) {
    const parsed = runRecordSchema.safeParse(safeJson(join(dir, file)));
    if (!parsed.success || !alive(parsed.data.pid)) {
      rmSync(join(dir, file), { force: true });
      continue;
    }
    if (parsed.data.pid !== selfPid) live.push(parsed.data.pid);
  }
  return live;
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Services currently recorded as started (those with a started_at file) under the cache dir. */
export function startedServices(cacheDir: string): ServiceState[] {
  if (!existsSync(cacheDir)) return [];
  const found: ServiceState[] = [];
  for (const name of readdirSync(cacheDir)) {
    const startedAtFile = join(cacheDir, name, 'started_at');
    if (!existsSync(startedAtFile)) continue;
    const startedAt = Number(readFileSync(startedAtFile, 'utf8').trim());
    if (!Number.isFinite(startedAt)) continue;
    const byFile = join(cacheDir, name, 'started_by');
    const startedBy = existsSync(byFile) ? readFileSync(byFile, 'utf8').trim() : 'manual';
    found.push({ name, startedAt, startedBy });
  }
  return found;
}

/**
 * Which services a finishing run stops: none while another run is still going (it may be using
 * them); otherwise those started after this run began, plus any the harness started in an earlier
 * run that died before its teardown. Services a developer started by hand keep running.
 */
export function servicesToStop(services: ServiceState[], runStartedAt: number, otherRunsAlive: boolean): string[] {
  if (otherRunsAlive) return [];
  return services.filter((s) => s.startedAt >= runStartedAt || s.startedBy === 'harness').map((s) => s.name);
}
