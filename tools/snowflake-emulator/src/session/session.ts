import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_PARAMETERS, type ParameterValue } from '../protocol/session-parameters.ts';
import type { SessionFacts } from '../sql/translate-functions.ts';

export interface SessionInit {
  id: string;
  token: string;
  masterToken: string;
  user: string;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  role: string | null;
  connection: DuckDBConnection;
}

/**
 * One Snowflake session = one DuckDB connection, so that transactions (BEGIN/COMMIT/ROLLBACK)
 * and temporary tables are per session exactly as in Snowflake. Statements of a session run
 * one at a time (a DuckDB connection is not meant for concurrent queries).
 */
export class Session {
  readonly id: string;
  token: string;
  readonly masterToken: string;
  readonly user: string;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  role: string | null;
  readonly connection: DuckDBConnection;
  readonly parameters = new Map<string, ParameterValue>(Object.entries(DEFAULT_PARAMETERS));
  readonly tempTables = new Set<string>();
  inTransaction = false;
  lastQueryId: string | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(init: SessionInit) {
    this.id = init.id;
    this.token = init.token;
    this.masterToken = init.masterToken;
    this.user = init.user;
    this.database = init.database;
    this.schema = init.schema;
    this.warehouse = init.warehouse;
    this.role = init.role;
    this.connection = init.connection;
  }

  get queryTag(): string | undefined {
    const tag = this.parameters.get('QUERY_TAG');
    return typeof tag === 'string' && tag !== '' ? tag : undefined;
  }

  facts(): SessionFacts {
    return {
      database: this.database,
      schema: this.schema,
      warehouse: this.warehouse,
      role: this.role,
      user: this.user,
      sessionId: this.id,
    };
  }

  /** Runs `work` after every earlier piece of work of this session has finished. */
  serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.connection.closeSync();
  }
}
