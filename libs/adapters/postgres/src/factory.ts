import { classifyPostgresError } from './client/failure-classes.ts';
import { silentLogger } from '@ledgerline/logging';
import { createDataSource, type ConnectionTarget } from './client/data-source.ts';
import { TransactionScope } from './client/transaction-scope.ts';
import { postgresStoreOptionsSchema, type PostgresStoreOptions } from './configuration.ts';
import { PostgresTransactionStore } from './store/postgres-transaction-store.ts';

/**
 * Opens the TransactionStore: PostgreSQL when `url` is given, else PGlite in `pgliteDir`
 * (architecture §2). Connects but does not migrate: call `migrate()` first.
 */
export async function createPostgresStore(options: PostgresStoreOptions = {}): Promise<PostgresTransactionStore> {
  const { logger: givenLogger, ...rest } = options;
  const settings = postgresStoreOptionsSchema.parse(rest);
  const logger = (givenLogger ?? silentLogger).child('postgres');

  let target: ConnectionTarget;
  let poolSize = settings.poolSize;
  let releaseBackend: () => Promise<void> = async () => undefined;
  if (settings.url) {
    target = { url: settings.url };
  } else {
    // Loaded only here: PGlite (~50 MB of WASM and JS) is dead weight in every process that is
    // given a DATABASE_URL, and most long-running ones (sink, ingest, sync) are.
    const { startPgliteServer } = await import('./client/pglite-server.ts');
    const pglite = await startPgliteServer(settings.pgliteDir, logger, { wasmOptimize: settings.pgliteWasmOptimize, sharedBuffers: settings.pgliteSharedBuffers });
    target = pglite;
    // PGlite serves one connection; a second pooled client would wait for the first forever.
    if (options.poolSize !== undefined && options.poolSize > 1) {
      logger.warn('PGlite has one connection: ignoring poolSize', { poolSize: options.poolSize });
    }
    poolSize = 1;
    releaseBackend = () => pglite.close();
  }

  const dataSource = createDataSource({ target, poolSize, keepIdle: !settings.url });
  try {
    await dataSource.initialize();
  } catch (error) {
    await releaseBackend();
    // Unreachable server, bad password, unknown database: the caller decides by the verdict.
    throw classifyPostgresError(error);
  }
  const backend = settings.url ? 'postgres' : 'pglite';
  return new PostgresTransactionStore(dataSource, backend, new TransactionScope(), logger, releaseBackend, settings.chunkSize);
}
