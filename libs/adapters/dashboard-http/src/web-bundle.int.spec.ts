import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, uniqueName } from '@ledgerline/testing';
import { ensureWebBundle, WEB_ROOT, WEB_SOURCES, webBundleIsStale } from './web-bundle.ts';

// Two servers (or a server and a test) may start at once on a checkout without a built page.
describe('ensureWebBundle', () => {
  // Inside the repository, so the page's imports (echarts) resolve from its node_modules.
  const root = join(repoRoot(), 'node_modules', '.cache', uniqueName('web_bundle'), 'web');
  mkdirSync(root, { recursive: true });
  for (const entry of [...WEB_SOURCES, 'tsconfig.json']) cpSync(join(WEB_ROOT, entry), join(root, entry), { recursive: true });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('builds a stale page once per caller and leaves one whole dist/ when builds overlap', async () => {
    expect(webBundleIsStale(root)).toBe(true);
    const peakBefore = peakRssMb();
    const results = await Promise.all([ensureWebBundle(root), ensureWebBundle(root)]);
    expect(results).toEqual(['built', 'built']);
    // The builds ran in child processes: this process's own peak hardly moved. Built in process,
    // two overlapping builds raised it by ~400 MB (the main job's first start peaked at ~600 MB).
    expect(peakRssMb() - peakBefore).toBeLessThan(60);
    expect(existsSync(join(root, 'dist', 'index.html'))).toBe(true);
    expect(readdirSync(join(root, 'dist', 'assets')).some((f) => f.endsWith('.js'))).toBe(true);
    // No staging folders left behind, and the page is now fresh.
    expect(readdirSync(root).filter((f) => f.startsWith('.dist-build-'))).toEqual([]);
    expect(webBundleIsStale(root)).toBe(false);
    expect(await ensureWebBundle(root)).toBe('fresh');
  }, 120_000);
});

/** This process's kernel high-water mark of RSS (VmHWM), in MB. */
function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}
