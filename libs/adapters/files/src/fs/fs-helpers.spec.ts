import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from './list-files.ts';
import { moveFile } from './move-file.ts';
import { quarantineFile } from './quarantine-file.ts';
import { readFileChunks, sha256File } from './sha256-file.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ledgerline-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates folders, replaces content and leaves no temp file', async () => {
    const path = join(root, 'out', 'statement.csv');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, new TextEncoder().encode('second'));
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(root, 'out'))).toEqual(['statement.csv']);
  });

  it('keeps the old content and leaves no temp file when the write fails', async () => {
    const kept = join(root, 'kept.txt');
    await writeFile(kept, 'old');
    // The target name is taken by a folder: the final rename fails after the temp file was written.
    await mkdir(join(root, 'taken'));
    await expect(writeFileAtomic(join(root, 'taken'), 'new')).rejects.toThrow();
    // A parent that is a file: nothing can be created at all.
    await expect(writeFileAtomic(join(kept, 'child.txt'), 'new')).rejects.toThrow();
    expect((await readdir(root)).sort()).toEqual(['kept.txt', 'taken']);
    expect(await readFile(kept, 'utf8')).toBe('old');
  });
});

describe('moveFile and quarantineFile', () => {
  it('moves into a folder and never overwrites: the second file of a name gets a suffix', async () => {
    await writeFile(join(root, 'march.csv'), 'one');
    const first = await moveFile(join(root, 'march.csv'), join(root, 'processed'));
    await writeFile(join(root, 'march.csv'), 'two');
    const second = await moveFile(join(root, 'march.csv'), join(root, 'processed'));
    expect(first).toBe(join(root, 'processed', 'march.csv'));
    expect(second).toBe(join(root, 'processed', 'march-1.csv'));
    expect(await readFile(first, 'utf8')).toBe('one');
    expect(await readFile(second, 'utf8')).toBe('two');
    expect(await listFiles(root)).toEqual([]);
  });

  it('fails or replaces on conflict when asked to', async () => {
    await writeFile(join(root, 'a.csv'), 'new');
    await writeFile(join(root, 'b-dir-a.csv'), '');
    const target = join(root, 'target');
    await moveFile(join(root, 'b-dir-a.csv'), target);
    await writeFile(join(target, 'a.csv'), 'old');
    await expect(moveFile(join(root, 'a.csv'), target, { onConflict: 'fail' })).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(root, 'a.csv'), 'utf8')).toBe('new');
    await moveFile(join(root, 'a.csv'), target, { onConflict: 'replace' });
    expect(await readFile(join(target, 'a.csv'), 'utf8')).toBe('new');
  });

  it('quarantines a file with an error report beside it', async () => {
    await writeFile(join(root, 'bad.csv'), 'Date\n');
    const { path, reportPath } = await quarantineFile(join(root, 'bad.csv'), join(root, 'quarantine'), { line: 37, column: 'Date', reason: 'not a valid date' });
    expect(path).toBe(join(root, 'quarantine', 'bad.csv'));
    expect(JSON.parse(await readFile(reportPath, 'utf8'))).toEqual({ file: 'bad.csv', quarantined_as: 'bad.csv', line: 37, column: 'Date', reason: 'not a valid date' });
    expect(await listFiles(join(root, 'quarantine'))).toEqual([path, reportPath]);
  });
});

describe('sha256File', () => {
  it('hashes a file in chunks to the same digest as a one-shot hash', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    const path = join(root, 'big.bin');
    await writeFile(path, data);
    expect(await sha256File(path)).toBe(createHash('sha256').update(data).digest('hex'));
    let chunks = 0;
    for await (const _chunk of readFileChunks(path, 1024 * 1024)) chunks += 1;
    expect(chunks).toBe(4);
  });

  it('knows the digest of a known input', async () => {
    await writeFile(join(root, 'abc.txt'), 'abc');
    expect(await sha256File(join(root, 'abc.txt'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('listFiles', () => {
  it('lists visible regular files sorted, and nothing for a missing folder', async () => {
    await writeFile(join(root, 'b.csv'), '');
    await writeFile(join(root, 'a.pdf'), '');
    await writeFile(join(root, '.a.csv.123.tmp'), '');
    expect(await listFiles(root)).toEqual([join(root, 'a.pdf'), join(root, 'b.csv')]);
    expect(await listFiles(join(root, 'missing'))).toEqual([]);
  });
});
