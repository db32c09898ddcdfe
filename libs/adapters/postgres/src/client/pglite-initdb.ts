import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wasmTierNodeFlags } from './pglite-wasm-tier.ts';

/** What PGlite itself looks for to decide that a directory holds a cluster. */
const CLUSTER_MARKER = 'PG_VERSION';
const STAGING_INFIX = '.initdb-';

/**
 * The child: creates the cluster in the staging directory with PGlite itself and exits. It exits
 * too when its parent goes away (stdin closes), so a killed ingest leaves no orphan writing files.
 */
const CHILD_SCRIPT = `
const [moduleUrl, dir, optionsJson] = process.argv.slice(1);
process.stdin.on('close', () => process.exit(70));
process.stdin.resume();
const loaded = await import(moduleUrl);
const PGlite = loaded.PGlite ?? loaded.default.PGlite;
const db = await PGlite.create(dir, JSON.parse(optionsJson));
await db.close();
process.exit(0);
`;

export interface PgliteClusterOptions {
  startParams: string[];
  initDbStartParams: string[];
}

/**
 * Makes sure `dataDir` holds a PGlite cluster, without running initdb in this process.
 *
 * Why: PGlite's initdb (a second WASM instance bootstrapping the catalogs) peaks at ~530 MB even
 * on V8's baseline compiler, and memory a process once had stays its peak: in the ingest process a
 * 10-row first run peaked at ~570 MB instead of ~180 MB (docs/statement-import.md "Memory"). So a
 * new cluster is a copy of a template cluster, made once per PGlite version and settings by a
 * short-lived child process (initdb's cost ends with the child) and kept in node_modules/.cache.
 * A PostgreSQL data directory copied after a clean shutdown is a whole cluster; PGlite's own
 * dumpDataDir/loadDataDir do the same through a tarball (and peaked ~700 MB loading one here).
 *
 * Crash safety: the cluster is copied into `<dataDir>.initdb-<pid>` and only a whole one is
 * renamed into place, so a crash at any point leaves either no cluster or a whole one; the
 * template is made and renamed the same way. Staging directories left by a crashed run are
 * removed first; the caller must hold the directory's lock (pglite-dir-lock.ts), so none of them
 * can still be in use. A directory with files but no cluster is refused, never overwritten.
 * Returns whether a cluster was created.
 */
export async function ensurePgliteCluster(dataDir: string, options: PgliteClusterOptions, wasmOptimize: boolean): Promise<boolean> {
  if (existsSync(join(dataDir, CLUSTER_MARKER))) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(
      `PGlite directory ${dataDir} holds files but no PostgreSQL cluster (no ${CLUSTER_MARKER}): ` +
        'refusing to create one over them. Move the directory aside, or point DATA_DIR elsewhere.',
    );
  }
  const template = await ensureTemplate(options, wasmOptimize);
  removeStaleStaging(dataDir);
  const staging = `${dataDir}${STAGING_INFIX}${process.pid}`;
  try {
    cpSync(template, staging, { recursive: true });
    if (existsSync(dataDir)) rmdirSync(dataDir); // empty (checked above); rename needs it gone
    renameSync(staging, dataDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

/** The template cluster for this PGlite version and these settings, made by a child process if missing. */
async function ensureTemplate(options: PgliteClusterOptions, wasmOptimize: boolean): Promise<string> {
  const packageDir = pglitePackageDir();
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 12);
  const template = join(cacheDir(packageDir), `pglite-template-${version}-${key}`);
  if (existsSync(join(template, CLUSTER_MARKER))) return template;
  mkdirSync(dirname(template), { recursive: true });
  // Two processes may make it at once (different DATA_DIRs): each in its own staging directory;
  // the first rename wins and the other's copy is discarded.
  const staging = `${template}${STAGING_INFIX}${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await runInitdbChild(staging, options, wasmOptimize);
    if (!existsSync(join(staging, CLUSTER_MARKER))) throw new Error(`PGlite initdb finished without a cluster in ${staging}`);
    try {
      renameSync(staging, template);
    } catch (error) {
      if (!existsSync(join(template, CLUSTER_MARKER))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return template;
}

function pglitePackageDir(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** node_modules/.cache of the node_modules that holds PGlite (where the build tools cache too). */
function cacheDir(packageDir: string): string {
  let dir = packageDir;
  while (basename(dir) !== 'node_modules' && dirname(dir) !== dir) dir = dirname(dir);
  return basename(dir) === 'node_modules' ? join(dir, '.cache', 'ledgerline') : join(packageDir, '.cache');
}

function removeStaleStaging(dataDir: string): void {
  const parent = dirname(dataDir);
  const prefix = `${basename(dataDir)}${STAGING_INFIX}`;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function runInitdbChild(staging: string, options: PgliteClusterOptions, wasmOptimize: boolean): Promise<void> {
  const moduleUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const args = [...wasmTierNodeFlags(wasmOptimize), '--input-type=module', '-e', CHILD_SCRIPT, moduleUrl, staging, JSON.stringify(options)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`PGlite initdb of ${staging} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no output'}`));
    });
  });
}
