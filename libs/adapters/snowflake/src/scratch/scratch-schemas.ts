import { randomBytes } from 'node:crypto';
import { createSnowflakeConnection, type SnowflakeConnection } from '../client/create-snowflake-connection.ts';
import { snowflakeConfigSchema, type SnowflakeConfigInput } from '../configuration.ts';
import { createScratchSchemaSql, dropScratchSchemaSql, listScratchSchemasSql } from '../warehouse/sql/scratch-sql.ts';

/**
 * The schemas of one throwaway run on a real account: `<prefix>RAW` for the sync and every
 * `<prefix>*` schema dbt creates beside it (dbt var schema_prefix). The prefix is unique per run,
 * so nothing it drops belongs to anyone else.
 */
export interface SnowflakeScratchSchemas {
  readonly database: string;
  readonly prefix: string;
  /** `<prefix>RAW`: what the sync writes and dbt reads as its RAW. */
  readonly rawSchema: string;
  /** Creates `<prefix>RAW`; fails if it exists. */
  create(): Promise<void>;
  /** Every schema of the database whose name starts with the prefix. */
  list(): Promise<string[]>;
  /** Drops every `<prefix>*` schema (with what is in it); returns the names dropped. */
  drop(): Promise<string[]>;
  close(): Promise<void>;
}

const PREFIX = /^[A-Z][A-Z0-9_]*_$/;

/** `LEDGERLINE_SMOKE_20261206T232400_9F3A_`: the time of the run and 2 random bytes. */
export function scratchSchemaPrefix(now: Date = new Date(), random: Buffer = randomBytes(2)): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `LEDGERLINE_SMOKE_${stamp}_${random.toString('hex').toUpperCase()}_`;
}

/** Connects (snowflake-sdk, lazily) with the given settings; its `schema` setting is not used. */
export async function openSnowflakeScratchSchemas(connection: SnowflakeConfigInput, prefix: string): Promise<SnowflakeScratchSchemas> {
  if (!PREFIX.test(prefix)) throw new RangeError(`a scratch prefix is upper-case letters, digits and _, ending in _: ${JSON.stringify(prefix)}`);
  const config = snowflakeConfigSchema.parse({ queryTag: 'ledgerline:snowflake-smoke', ...connection });
  const session: SnowflakeConnection = await createSnowflakeConnection(config);
  const database = config.database;
  const rawSchema = `${prefix}RAW`;
  const list = async () => {
    const { rows } = await session.execute<{ NAME: string }>(listScratchSchemasSql(database), { binds: [`${prefix}%`] });
    // LIKE reads `_` as any character: keep exactly the names that start with the prefix.
    return rows.map((r) => r.NAME).filter((name) => name.startsWith(prefix));
  };
  return {
    database,
    prefix,
    rawSchema,
    create: async () => {
      await session.execute(createScratchSchemaSql(database, rawSchema));
    },
    list,
    drop: async () => {
      const names = await list();
      for (const name of names) await session.execute(dropScratchSchemaSql(database, name));
      return names;
    },
    close: () => session.close(),
  };
}
