import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles one app (apps/<app>/src/main.ts) into ES modules for plain node: our TypeScript
 * libraries compiled in, npm packages left as imports (resolved from the repo's node_modules, so
 * `outdir` must be inside the repo), and modules the app loads on demand split into their own
 * chunks so they still load on demand.
 *
 * Why: running through the tsx loader compiles every module at start and keeps the compiler in
 * the process: ~58 MB more RSS and ~0.8 s more CPU per start for the batch app
 * (tools/bench/benchmarks/batch-ingest-csv.ts measures both ways).
 */
export async function bundleApp(repoRoot: string, app: string, outdir: string, entry = join('src', 'main.ts')): Promise<string> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(repoRoot, 'apps', app, entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-packages-external',
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@ledgerline/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  return join(outdir, 'main.mjs');
}

/**
 * `tsx tools/build/bundle-app.ts <app> [entry]`: writes dist/apps/<app>/main.mjs (the app's `build`
 * target); `entry` is relative to apps/<app> (default src/main.ts).
 */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [app, entryArg] = process.argv.slice(2);
  if (!app || !/^[a-z][a-z0-9-]*$/.test(app) || (entryArg !== undefined && !/^[\w./-]+\.ts$/.test(entryArg))) {
    process.stderr.write('usage: tsx tools/build/bundle-app.ts <app> [entry.ts, relative to apps/<app>]\n');
    process.exit(2);
  }
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const entry = await bundleApp(repoRoot, app, join(repoRoot, 'dist', 'apps', app), entryArg);
  process.stdout.write(`built ${entry}\n`);
}
