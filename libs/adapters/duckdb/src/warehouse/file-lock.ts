import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { WarehouseLockedError, WarehouseUnavailableError } from '@ledgerline/warehouse-sync';

const lockContentSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string(), name: z.string() });
type LockContent = z.infer<typeof lockContentSchema>;

/**
 * An exclusive lock file (`<warehouse file>.<name>.lock`, created with O_EXCL) holding the owner's
 * pid and host. A lock whose process is gone on this host (a crashed or SIGKILLed sync) is
 * taken over; a live one, or one from another host, refuses with WarehouseLockedError.
 * Returns the release function.
 */
export function acquireFileLock(lockPath: string, name: string): () => void {
  const mine: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString(), name };
  const text = JSON.stringify(mine);
  try {
    mkdirSync(dirname(lockPath), { recursive: true });
  } catch (error) {
    throw new WarehouseUnavailableError(`cannot create the directory of ${lockPath}`, { cause: error });
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(lockPath, text, { flag: 'wx' });
      return () => {
        if (readLock(lockPath)?.raw === text) rmSync(lockPath, { force: true });
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new WarehouseUnavailableError(`cannot create lock file ${lockPath} (${code ?? 'error'})`, { cause: error });
    }
    const held = readLock(lockPath);
    if (!held) continue; // released between our attempt and the read: try again
    const { content } = held;
    if (content && (content.host !== mine.host || isAlive(content.pid))) {
      const who = `process ${content.pid} on ${content.host} since ${content.since}${content.pid === process.pid ? ' (this process)' : ''}`;
      throw new WarehouseLockedError(name, `${who} (lock file ${lockPath})`);
    }
    if (!content && ageMs(lockPath) < 10_000) {
      // Unreadable but fresh: another process may be between creating and writing it.
      throw new WarehouseLockedError(name, `an unknown process (lock file ${lockPath} is being written)`);
    }
    // Stale (owner gone) or old garbage: remove it, unless someone replaced it meanwhile.
    if (readLock(lockPath)?.raw === held.raw) rmSync(lockPath, { force: true });
  }
  throw new WarehouseUnavailableError(`could not take lock file ${lockPath}: it keeps reappearing`);
}

function readLock(path: string): { raw: string; content: LockContent | undefined } | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let content: LockContent | undefined;
  try {
    const parsed = lockContentSchema.safeParse(JSON.parse(raw));
    content = parsed.success ? parsed.data : undefined;
  } catch {
    content = undefined;
  }
  return { raw, content };
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
