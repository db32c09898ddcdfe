import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPgliteDir } from './pglite-dir-lock.ts';

describe('lockPgliteDir', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'pglite-lock-')), 'pglite');

  it('lets one holder in, refuses the next while held, and frees the directory on release', () => {
    const dataDir = dir();
    const release = lockPgliteDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    expect(() => lockPgliteDir(dataDir)).toThrow(/in use by process \d+ \(this process\)/);
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    lockPgliteDir(dataDir)();
  });

  it('takes over a lock whose process is gone', () => {
    const dataDir = dir();
    writeFileSync(`${dataDir}.lock`, '2147483646');
    const release = lockPgliteDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });
});
