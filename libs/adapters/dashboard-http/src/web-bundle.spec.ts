import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateWebRoot, WEB_ROOT } from './web-bundle.ts';

describe('locateWebRoot', () => {
  const repo = mkdtempSync(join(tmpdir(), 'web-root-'));
  const web = join(repo, 'apps', 'dashboard', 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html>');
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('finds apps/dashboard/web from the sources and from the served bundle', () => {
    const sources = join(repo, 'apps', 'dashboard', 'src', 'server');
    const bundle = join(repo, 'dist', 'apps', 'dashboard');
    mkdirSync(sources, { recursive: true });
    mkdirSync(bundle, { recursive: true });
    expect(locateWebRoot(sources)).toBe(web);
    expect(locateWebRoot(bundle)).toBe(web);
  });

  it('falls back to the sources-relative path when no page is found', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'no-web-'));
    try {
      expect(locateWebRoot(join(elsewhere, 'a', 'b'))).toBe(join(elsewhere, 'web'));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('points at this repository page', () => {
    expect(WEB_ROOT.endsWith(join('apps', 'dashboard', 'web'))).toBe(true);
  });
});
