import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPageInChildProcess } from './vite-build-process.ts';

/**
 * apps/dashboard/web, found by walking up from this module to the repository root: from the
 * sources (libs/adapters/dashboard-http/src) and from a served bundle (dist/apps/dashboard,
 * dist/apps/pipeline) alike.
 * Falls back to the sources' relative path, so a missing page is reported where it is used.
 */
export function locateWebRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'dashboard', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return resolve(from, '../../web');
  }
}

/** apps/dashboard/web: the page's sources, its vite config and (after a build) dist/. */
export const WEB_ROOT = locateWebRoot();
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** What the page is built from (each page's HTML among them): a newer one makes dist/ stale. */
export const WEB_SOURCES: readonly string[] = ['src', 'index.html', 'market.html', 'flows.html', 'vite.config.ts'];

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

/**
 * Files outside the page that it bundles values from: the market wire's indicator list (the page
 * imports only types from anywhere else, and those leave nothing in the bundle).
 */
export const WEB_SHARED_SOURCES: readonly string[] = [createRequire(import.meta.url).resolve('@ledgerline/market-data/wire')];

/** True when dist/ is missing or older than any source of the page (its shared sources included). */
export function webBundleIsStale(root = WEB_ROOT, shared: readonly string[] = WEB_SHARED_SOURCES): boolean {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = [...WEB_SOURCES.map((p) => join(root, p)), ...shared].filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
}

/**
 * Builds the page with Vite when stale (the `serve` target's "build if stale"), in a child
 * process (vite-build-process.ts: the build's memory ends with it), so a served bundle never
 * loads build tooling.
 */
export async function ensureWebBundle(root = WEB_ROOT, log: (message: string) => void = () => undefined): Promise<'fresh' | 'built'> {
  if (!webBundleIsStale(root)) return 'fresh';
  log('building the web bundle (vite build)');
  // Built beside dist/ and moved into place, so that two servers (or tests) starting at once never
  // serve or overwrite a half-written page: the last finished build wins whole.
  const dist = join(root, 'dist');
  const staging = join(root, `.dist-build-${process.pid}-${Date.now()}`);
  try {
    await buildPageInChildProcess(root, join(root, 'vite.config.ts'), staging);
    await rm(dist, { recursive: true, force: true });
    await rename(staging, dist);
  } catch (error) {
    // Another build moved its dist/ in between: that page is as good as ours.
    if (!(isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) || !existsSync(join(dist, 'index.html'))) throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return 'built';
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
