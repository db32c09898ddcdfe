import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileStore } from './local-file-store.ts';

let root: string;
const store = new LocalFileStore();

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ledgerline-file-store-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalFileStore', () => {
  it('lists visible files with size and mtime, never temp files of atomic writes', async () => {
    await store.writeAtomic(root, 'b.csv', 'hello');
    await writeFile(join(root, 'a.pdf'), '%PDF-');
    await writeFile(join(root, '.b.csv.123.abc.tmp'), 'partial');
    const listed = await store.list(root);
    expect(listed.map((f) => [f.name, f.size])).toEqual([
      ['a.pdf', 5],
      ['b.csv', 5],
    ]);
    expect(listed[0]?.modifiedMs).toBeGreaterThan(0);
    expect(await store.list(join(root, 'missing'))).toEqual([]);
  });

  it('reads heads, whole files, chunks and hashes', async () => {
    const path = await store.writeAtomic(root, 'abc.txt', 'abc');
    expect(Buffer.from(await store.readHead(path, 2)).toString()).toBe('ab');
    expect(Buffer.from(await store.readHead(path, 100)).toString()).toBe('abc');
    expect(Buffer.from(await store.readAll(path)).toString()).toBe('abc');
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.readChunks(path)) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    expect(await store.sha256(path)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('moves without overwriting and quarantines with a report', async () => {
    const first = await store.writeAtomic(join(root, 'in'), 'm.csv', '1');
    expect(await store.move(first, join(root, 'done'))).toBe(join(root, 'done', 'm.csv'));
    const second = await store.writeAtomic(join(root, 'in'), 'm.csv', '2');
    expect(await store.move(second, join(root, 'done'))).toBe(join(root, 'done', 'm-1.csv'));
    const bad = await store.writeAtomic(join(root, 'in'), 'bad.csv', 'x');
    const { path, reportPath } = await store.quarantine(bad, join(root, 'bad'), { line: 3, reason: 'nope' });
    expect(path).toBe(join(root, 'bad', 'bad.csv'));
    expect(JSON.parse(await readFile(reportPath, 'utf8'))).toMatchObject({ file: 'bad.csv', line: 3, reason: 'nope' });
    expect(await readdir(join(root, 'in'))).toEqual([]);
  });

  it('reports changes in a watched folder, creating it if needed', async () => {
    const dir = join(root, 'watched');
    let changes = 0;
    const watch = store.watch(dir, () => {
      changes += 1;
    });
    try {
      await writeFile(join(dir, 'new.csv'), 'x');
      const deadline = Date.now() + 5_000;
      while (changes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(changes).toBeGreaterThan(0);
    } finally {
      watch.close();
    }
  });
});
