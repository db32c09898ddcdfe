import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStaticFile } from './static-files.ts';

const root = mkdtempSync(join(tmpdir(), 'dashboard-static-'));
mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'dist', 'assets', 'app-1.js'), 'export {}');
writeFileSync(join(root, 'secret.txt'), 'outside');
const dist = join(root, 'dist');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static files', () => {
  it('serves index.html for / and hashed assets as immutable', async () => {
    expect(await readStaticFile(dist, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8', immutable: false });
    expect(await readStaticFile(dist, '/assets/app-1.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8', immutable: true });
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%E0%A4%A', '/assets', '/missing.js'])('finds nothing for %s', async (path) => {
    expect(await readStaticFile(dist, path)).toBeUndefined();
  });
});
