import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '@ledgerline/logging';
import { lockPgliteDir } from './pglite-dir-lock.ts';
import { chooseWasmTier } from './pglite-wasm-tier.ts';
import { ensurePgliteCluster } from './pglite-initdb.ts';
import { pgliteWasmModule } from './pglite-wasm-module.ts';

export const PGLITE_MEMORY = 'memory://';

/**
 * PGlite's own start parameters (as in @electric-sql/pglite 0.5's defaultStartParams, which an
 * explicit list replaces) plus a small buffer cache instead of PostgreSQL's default 128 MB.
 * Why: PGlite runs inside this process and its shared memory is resident in full from the start
 * (the WASM heap holds 14 MB + the cache right after open), so every MB of cache is a MB of our
 * RSS; with 128 MB a `batch ingest` of a 4-row file peaked at ~360 MB. 2 MB (the default,
 * PGLITE_SHARED_BUFFERS) keeps a 10-row ingest ~7 MB under 8 MB and ingested 100k rows in the
 * same CPU time as 8 MB: PGlite's pages are files in the OS page cache, so a miss is a read
 * syscall, not a disk seek (docs/statement-import.md "Memory").
 */
function pgliteStartParams(sharedBuffers: string): string[] {
  return [
    '--single', '-F', '-O', '-j',
    '-c', 'search_path=public', '-c', 'exit_on_error=false', '-c', 'log_checkpoints=false',
    '-c', 'max_worker_processes=0', '-c', 'max_parallel_workers=0', '-c', 'max_parallel_workers_per_gather=0',
    '-c', 'io_method=sync', '-c', 'max_parallel_maintenance_workers=0',
    '-c', `shared_buffers=${sharedBuffers}`,
  ];
}
/** PGlite's default when no size is given (PGLITE_SHARED_BUFFERS' default). */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '2MB';
/** initdb writes this cache size into postgresql.conf of a new cluster; each start sets its own. */
const PGLITE_INITDB_PARAMS = ['--set', 'shared_buffers=16MB'];
/**
 * What a new cluster is made with (the template's key, pglite-initdb.ts): fixed, so a cache size
 * chosen at start (a runtime setting) reuses the one template instead of running initdb again.
 */
const PGLITE_CLUSTER_OPTIONS = { startParams: pgliteStartParams('16MB'), initDbStartParams: PGLITE_INITDB_PARAMS };
const pgliteOptions = (sharedBuffers: string) => ({ startParams: pgliteStartParams(sharedBuffers), initDbStartParams: PGLITE_INITDB_PARAMS });

export interface PgliteEndpoint {
  /** Directory of the unix socket (what pg expects as `host`). */
  host: string;
  port: number;
  username: string;
  database: string;
  close(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM, in this process) and serves it on a unix socket in a
 * private temporary directory (mode 0700: no other local user can connect, unlike a TCP port).
 *
 * Why a socket instead of a second store implementation on PGlite's JS API: TypeORM (DataSource,
 * EntitySchema, migrations) and pg then run unchanged on both backends, so ONE store
 * implementation passes ONE contract suite on real PostgreSQL and on PGlite.
 *
 * PGlite is a single connection: the caller must use a pool of exactly one, and an open
 * transaction makes every other caller wait.
 */
export interface PgliteServerSettings {
  /** Let V8 optimise hot PGlite functions (faster SQL, ~600 MB transient compile memory): pglite-wasm-tier.ts. */
  wasmOptimize?: boolean;
  /** PostgreSQL's shared_buffers for this start, e.g. `2MB` (PGLITE_SHARED_BUFFERS). */
  sharedBuffers?: string;
}

export async function startPgliteServer(dataDir: string, logger: Logger, settings: PgliteServerSettings = {}): Promise<PgliteEndpoint> {
  const wasmOptimize = settings.wasmOptimize ?? false;
  const options = pgliteOptions(settings.sharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS);
  if (!chooseWasmTier(wasmOptimize).applied) {
    logger.warn('PGlite WASM compiler tier was already chosen in this process; keeping it', { wasmOptimize });
  }
  const inMemory = dataDir === PGLITE_MEMORY;
  const absoluteDir = inMemory ? PGLITE_MEMORY : resolve(dataDir);
  let unlock: () => void = () => undefined;
  if (!inMemory) {
    mkdirSync(dirname(absoluteDir), { recursive: true });
    unlock = lockPgliteDir(absoluteDir);
  }
  let db: PGlite | undefined;
  let socketDir: string | undefined;
  try {
    if (!inMemory && (await ensurePgliteCluster(absoluteDir, PGLITE_CLUSTER_OPTIONS, wasmOptimize))) {
      logger.info('PGlite cluster created (initdb ran in a child process)', { dir: absoluteDir });
    }
    const withModule = { ...options, pgliteWasmModule: await pgliteWasmModule() };
    db = inMemory ? await createInMemory(withModule) : await PGlite.create(absoluteDir, withModule);
    socketDir = mkdtempSync(join(tmpdir(), 'ledgerline-pglite-'));
    const port = 5432;
    const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`) });
    await server.start();
    logger.info('PGlite embedded PostgreSQL started: ONE connection only (pool size 1), concurrent work queues', {
      dir: absoluteDir,
    });
    const started = { db, socketDir };
    let closed = false;
    return {
      host: socketDir,
      port,
      username: 'postgres',
      database: 'postgres',
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await server.stop();
          await started.db.close();
        } finally {
          rmSync(started.socketDir, { recursive: true, force: true });
          unlock();
        }
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    unlock();
    throw error;
  }
}

/**
 * A snapshot of a freshly initialised in-memory cluster. Booting from it skips initdb (about
 * 0.4 s instead of 1.4 s here), which matters to tests that open a fresh store per case.
 */
let memoryTemplate: Promise<File | Blob> | undefined;

async function createInMemory(options: ReturnType<typeof pgliteOptions> & { pgliteWasmModule: WebAssembly.Module }): Promise<PGlite> {
  if (memoryTemplate) {
    const template = await memoryTemplate.catch(() => undefined);
    if (template) return PGlite.create({ ...options, loadDataDir: template });
  }
  const db = await PGlite.create(PGLITE_MEMORY, options);
  memoryTemplate ??= db.dumpDataDir('none');
  await memoryTemplate.catch(() => undefined);
  return db;
}
