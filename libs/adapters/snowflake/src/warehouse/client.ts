import type { SnowflakeConnection, SnowflakeExecuteOptions, SnowflakeResult, SnowflakeRow } from '../client/create-snowflake-connection.ts';
import { SnowflakeLoginError } from './errors.ts';
import { setQueryTagSql } from './sql/session-sql.ts';

/** What the warehouse needs of a connection; unit tests pass a recording fake. */
export type SnowflakeStatements = Pick<SnowflakeConnection, 'execute' | 'close'>;
export type ConnectSnowflake = () => Promise<SnowflakeStatements>;

/** The session as one unit of work sees it. */
export interface WarehouseSession {
  execute<Row = SnowflakeRow>(sqlText: string, options?: SnowflakeExecuteOptions): Promise<SnowflakeResult<Row>>;
  /** ALTER SESSION SET QUERY_TAG, skipped when this session already carries the tag. */
  useQueryTag(tag: string): Promise<void>;
}

/**
 * One Snowflake session for a warehouse handle, opened on first use. Units of work run one at a
 * time (`exclusive`): a Snowflake transaction belongs to the session, so a lock renewal must
 * never slip between a batch's BEGIN and COMMIT.
 */
export class SnowflakeWarehouseClient {
  private opening: Promise<SnowflakeStatements> | undefined;
  private currentTag: string | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connect: ConnectSnowflake,
    /** For error messages: account, user, URL; never a secret. */
    private readonly target: string,
  ) {}

  exclusive<T>(work: (session: WarehouseSession) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => work(await this.session()));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Forgets the session (logging out best effort, which rolls back anything left open), so the next unit logs in again. */
  async reset(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    this.currentTag = undefined;
    const connection = await opening?.catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }

  /** Waits for the running unit, then logs out. A later unit logs in again. */
  async close(): Promise<void> {
    await this.tail;
    await this.reset();
  }

  private async session(): Promise<WarehouseSession> {
    const connection = await this.connection();
    return {
      execute: (sqlText, options) => connection.execute(sqlText, options),
      useQueryTag: async (tag) => {
        if (this.currentTag === tag) return;
        await connection.execute(setQueryTagSql(tag));
        this.currentTag = tag;
      },
    };
  }

  private connection(): Promise<SnowflakeStatements> {
    if (!this.opening) {
      this.currentTag = undefined;
      const opening: Promise<SnowflakeStatements> = this.connect().catch((error: unknown) => {
        if (this.opening === opening) this.opening = undefined;
        throw new SnowflakeLoginError(this.target, error);
      });
      this.opening = opening;
    }
    return this.opening;
  }
}
