import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A pid file next to a PGlite data directory. PGlite has no locking of its own, and two processes
 * opening the same directory corrupt it, so the second one must fail fast with a clear message.
 * A lock left by a process that no longer exists is taken over. Returns the release function.
 */
export function lockPgliteDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockPath, mine, { flag: 'wx' });
      return () => {
        if (readLock(lockPath) === mine) rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockPath);
      if (holder && isAlive(Number(holder))) {
        throw new Error(
          `PGlite directory ${dataDir} is in use by process ${holder}${holder === mine ? ' (this process)' : ''}: ` +
            'PGlite allows one process at a time. Stop it, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock PGlite directory ${dataDir} (${lockPath} keeps reappearing)`);
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else -- still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
