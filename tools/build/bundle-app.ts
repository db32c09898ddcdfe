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
export async function bundleApp(repoRoot: string, app: string, outdir: string): Promise<string> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(repoRoot, 'apps', app, 'src', 'main.ts') },
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

/** `tsx tools/build/bundle-app.ts <app>`: writes dist/apps/<app>/main.mjs (the app's `build` target). */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = process.argv[2];
  if (!app || !/^[a-z][a-z0-9-]*$/.test(app)) {
    process.stderr.write('usage: tsx tools/build/bundle-app.ts <app>\n');
    process.exit(2);
  }
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const entry = await bundleApp(repoRoot, app, join(repoRoot, 'dist', 'apps', app));
  process.stdout.write(`built ${entry}\n`);
}
