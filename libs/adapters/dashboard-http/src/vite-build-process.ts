import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The child: one `vite build` of the page, then exit. It exits too when its parent goes away
 * (stdin closes), so a stopped server leaves no build running on.
 */
const CHILD_SCRIPT = `
const [viteUrl, root, configFile, outDir] = process.argv.slice(1);
process.stdin.on('close', () => process.exit(70));
process.stdin.resume();
const { build } = await import(viteUrl);
await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
process.exit(0);
`;

/**
 * Runs `vite build` of the page at `root` into `outDir` in a short-lived child process.
 *
 * Why not in this process: the build (vite, rollup, esbuild over ECharts) took the main job from
 * ~100 MB to ~600 MB on a first start, and memory a process once had stays its peak RSS (the
 * heap it grew is kept for reuse). In a child, the cost ends when the build does
 * (docs/benchmarks.md "main job memory"). Vite stays a dev dependency, loaded only by the child.
 */
export function buildPageInChildProcess(root: string, configFile: string, outDir: string): Promise<void> {
  const viteUrl = pathToFileURL(createRequire(import.meta.url).resolve('vite')).href;
  const args = ['--input-type=module', '-e', CHILD_SCRIPT, viteUrl, root, configFile, outDir];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build of ${root} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no output'}`));
    });
  });
}
