import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EmulatorUser } from './auth/verify-login.ts';
import { emulatorOptionsSchema, type EmulatorOptions } from './emulator-options.ts';
import { PUBLIC_SCHEMA, quoteIdent } from './exec/duckdb-names.ts';
import { FaultInjector } from './faults/fault-injector.ts';
import { createRouter } from './http/router.ts';
import { failNextSchema } from './protocol/request-schemas.ts';
import { closeSession } from './service/session-service.ts';
import { SessionRegistry } from './session/session-registry.ts';
import { StageStore } from './stage/stage-store.ts';
import type { EmulatorState } from './state/emulator-state.ts';
import { QueryHistory, type QueryRecord } from './state/query-history.ts';

/** A running emulator. TEST FIXTURE: local use only (see README). */
export interface SnowflakeEmulator {
  /** Base URL for the driver's `accessUrl`, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Directory holding the stages' files. */
  stageDir: string;
  /** Every QUERY_TAG set so far (login, ALTER SESSION, statement parameter), in order. */
  queryTags(): string[];
  /** Statements executed so far, oldest first, with the query tag in effect for each. */
  queryHistory(): QueryRecord[];
  /** Same as POST /__emulator/fail-next. */
  failNext(fault: { count?: number; status?: number; code?: string; message?: string; sqlState?: string; scope?: 'any' | 'login' | 'query' }): void;
  /** How many requests were failed on purpose (fail-next) since start or reset. */
  injectedFailures(): number;
  /** Same as POST /__emulator/reset: ends all sessions and drops all data. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const SYSTEM_SCHEMAS = new Set(['main', 'information_schema', 'pg_catalog']);

export async function startSnowflakeEmulator(input: EmulatorOptions = {}): Promise<SnowflakeEmulator> {
  const options = emulatorOptionsSchema.parse(input);
  const ownStageDir = options.stageDir === undefined;
  const stageDir = options.stageDir ?? mkdtempSync(join(tmpdir(), 'snowflake-emulator-stages-'));
  mkdirSync(stageDir, { recursive: true });

  const instance = await DuckDBInstance.create(options.dbPath);
  const admin = await instance.connect();
  const catalog = String((await admin.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0]);
  await admin.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(PUBLIC_SCHEMA)}`);

  const users = new Map<string, EmulatorUser>(options.users.map((u) => [u.name.toUpperCase(), u]));
  const state: EmulatorState = {
    instance,
    catalog,
    sessions: new SessionRegistry(),
    users,
    databases: new Set(),
    stages: new StageStore(stageDir),
    fileFormats: new Map(),
    loadHistory: new Set(),
    faults: new FaultInjector(),
    history: new QueryHistory(),
    queryTags: [],
    results: new Map(),
  };

  const reset = async () => {
    await Promise.all(state.sessions.all().map((s) => closeSession(state, s)));
    await dropUserSchemas(admin, catalog);
    await admin.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(PUBLIC_SCHEMA)}`);
    state.databases.clear();
    state.stages.clear();
    state.fileFormats.clear();
    state.loadHistory.clear();
    state.faults.clear();
    state.history.clear();
    state.queryTags.length = 0;
    state.results.clear();
  };

  const server = createServer(createRouter(state, { reset }));
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;

  let closed = false;
  return {
    url: `http://${options.host}:${port}`,
    stageDir,
    queryTags: () => [...state.queryTags],
    queryHistory: () => state.history.all(),
    failNext: (fault) => state.faults.add(failNextSchema.parse(fault)),
    injectedFailures: () => state.faults.firedCount(),
    reset,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all(state.sessions.all().map((s) => closeSession(state, s)));
      admin.closeSync();
      instance.closeSync();
      if (ownStageDir) rmSync(stageDir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function dropUserSchemas(admin: DuckDBConnection, catalog: string): Promise<void> {
  const reader = await admin.runAndReadAll('SELECT schema_name FROM information_schema.schemata WHERE catalog_name = $1', [catalog]);
  for (const [name] of reader.getRows()) {
    if (typeof name === 'string' && !SYSTEM_SCHEMAS.has(name)) {
      await admin.run(`DROP SCHEMA ${quoteIdent(catalog)}.${quoteIdent(name)} CASCADE`);
    }
  }
}
