import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateWebRoot, WEB_ROOT, WEB_SHARED_SOURCES, webBundleIsStale } from './web-bundle.ts';

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

describe('webBundleIsStale', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-stale-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('is stale when a shared source the page bundles values from is newer than the build', () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'src', 'main.ts'), '');
    writeFileSync(join(root, 'dist', 'index.html'), '');
    const shared = join(root, 'market-wire.ts');
    writeFileSync(shared, '');
    at(join(root, 'src', 'main.ts'), 1_000);
    at(join(root, 'src'), 1_000);
    at(shared, 1_000);
    at(join(root, 'dist', 'index.html'), 2_000);
    expect(webBundleIsStale(root, [shared])).toBe(false);
    at(shared, 3_000);
    expect(webBundleIsStale(root, [shared])).toBe(true);
    expect(webBundleIsStale(root, [])).toBe(false);
  });

  it("counts the market wire (the page's indicator list) as the page's source", () => {
    expect(WEB_SHARED_SOURCES.map((p) => p.replace(/\\/g, '/'))).toEqual([expect.stringMatching(/libs\/domain\/market-data\/src\/wire\/market-wire\.ts$/)]);
  });
});
