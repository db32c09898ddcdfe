import type { DuckDBInstance } from '@duckdb/node-api';
import type { EmulatorUser } from '../auth/verify-login.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { SnowflakeEnvelope } from '../protocol/envelopes.ts';
import type { SessionRegistry } from '../session/session-registry.ts';
import type { Session } from '../session/session.ts';
import type { OptionMap } from '../sql/option-list.ts';
import type { StageStore } from '../stage/stage-store.ts';
import type { QueryHistory } from './query-history.ts';

/** Everything the emulator shares between sessions. */
export interface EmulatorState {
  instance: DuckDBInstance;
  /** Name of the one DuckDB catalog (database) the emulator uses. */
  catalog: string;
  sessions: SessionRegistry;
  /** Configured users by upper-case name; empty = any user may log in. */
  users: ReadonlyMap<string, EmulatorUser>;
  /** Snowflake database names seen (upper case): their `DB.` qualifier is dropped. */
  databases: Set<string>;
  stages: StageStore;
  /** Named file formats by `SCHEMA.NAME`. */
  fileFormats: Map<string, OptionMap>;
  /** COPY INTO load history: `table|file|sha256` of files already loaded. */
  loadHistory: Set<string>;
  faults: FaultInjector;
  history: QueryHistory;
  /** Every QUERY_TAG set (login, ALTER SESSION, statement parameter), in order. */
  queryTags: string[];
  /** Finished bodies of async and multi-statement queries, by query id. */
  results: Map<string, SnowflakeEnvelope>;
}

export interface ExecContext {
  state: EmulatorState;
  session: Session;
}
