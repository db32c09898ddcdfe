import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/dashboard/web: the page's sources, its vite config and (after a build) dist/. */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), info.mtimeMs);
}

/** True when dist/ is missing or older than any source of the page. */
export function webBundleIsStale(root = WEB_ROOT): boolean {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(root, p)).filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
}

/**
 * Builds the page with Vite when stale (the `serve` target's "build if stale"): vite is a dev
 * dependency, imported only then, so a served bundle needs no build tooling loaded.
 */
export async function ensureWebBundle(root = WEB_ROOT, log: (message: string) => void = () => undefined): Promise<'fresh' | 'built'> {
  if (!webBundleIsStale(root)) return 'fresh';
  log('building the web bundle (vite build)');
  const { build } = await import('vite');
  await build({ root, configFile: join(root, 'vite.config.ts') });
  return 'built';
}
