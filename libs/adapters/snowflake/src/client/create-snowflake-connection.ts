import type { Binds, Connection, ConnectionOptions, DataType, RowStatement, FileAndStageBindStatement } from 'snowflake-sdk';
import { snowflakeConfigSchema, type SnowflakeConfig, type SnowflakeConfigInput } from '../configuration.ts';
import { loadSnowflakeDriver } from './load-driver.ts';

export type SnowflakeRow = Record<string, unknown>;

export interface SnowflakeExecuteOptions {
  /** Positional binds (`?` or `:1`); an array of arrays binds many rows at once. */
  binds?: Binds;
  /** Column types to return as strings, e.g. ['Number'] for exact decimals like "12.30". */
  fetchAsString?: DataType[];
  /** Statement-level parameters, e.g. { QUERY_TAG: '...', MULTI_STATEMENT_COUNT: 2 }. */
  parameters?: Record<string, string | number | boolean>;
}

export interface SnowflakeResult<Row = SnowflakeRow> {
  rows: Row[];
  /** Rows inserted/updated/deleted by DML (the driver sums the count columns). */
  numUpdatedRows: number | undefined;
  queryId: string;
}

/** A connected session with promise-based execute and close. */
export interface SnowflakeConnection {
  execute<Row = SnowflakeRow>(sqlText: string, options?: SnowflakeExecuteOptions): Promise<SnowflakeResult<Row>>;
  close(): Promise<void>;
  /** The driver's connection, for what this wrapper does not cover (streaming, async queries). */
  readonly driverConnection: Connection;
}

/**
 * Opens a Snowflake session with the real snowflake-sdk driver (imported lazily). Rejects with
 * the driver's error when login fails (wrong password: code '390100'; HTTP failure after
 * `maxLoginRetries`: code 401002 with the HTTP status in `response.statusCode`).
 */
export async function createSnowflakeConnection(input: SnowflakeConfigInput): Promise<SnowflakeConnection> {
  const config = snowflakeConfigSchema.parse(input);
  const snowflake = await loadSnowflakeDriver();
  snowflake.configure({ logLevel: config.driverLogLevel });
  const connection = snowflake.createConnection(connectionOptions(config));
  await new Promise<void>((resolve, reject) => {
    connection.connect((error) => (error ? reject(error) : resolve()));
  });
  return {
    driverConnection: connection,
    execute: <Row>(sqlText: string, options: SnowflakeExecuteOptions = {}) => execute<Row>(connection, sqlText, options),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!connection.isUp()) return resolve();
        connection.destroy((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function connectionOptions(config: SnowflakeConfig): ConnectionOptions {
  const auth = config.privateKeyPath
    ? {
        authenticator: 'SNOWFLAKE_JWT',
        privateKeyPath: config.privateKeyPath,
        ...(config.privateKeyPassphrase ? { privateKeyPass: config.privateKeyPassphrase } : {}),
      }
    : { password: config.password };
  return {
    account: config.account,
    username: config.username,
    ...auth,
    database: config.database,
    schema: config.schema,
    application: 'ledgerline',
    sfRetryMaxLoginRetries: config.maxLoginRetries,
    // With fetchAsString the driver would otherwise return SQL NULL as the string "NULL".
    representNullAsStringNull: false,
    ...(config.role ? { role: config.role } : {}),
    ...(config.warehouse ? { warehouse: config.warehouse } : {}),
    ...(config.accessUrl ? { accessUrl: config.accessUrl } : {}),
    ...(config.queryTag ? { queryTag: config.queryTag } : {}),
  };
}

function execute<Row>(connection: Connection, sqlText: string, options: SnowflakeExecuteOptions): Promise<SnowflakeResult<Row>> {
  return new Promise((resolve, reject) => {
    connection.execute({
      sqlText,
      ...(options.binds ? { binds: options.binds } : {}),
      ...(options.fetchAsString ? { fetchAsString: options.fetchAsString } : {}),
      ...(options.parameters ? { parameters: options.parameters } : {}),
      complete: (error, statement: RowStatement | FileAndStageBindStatement, rows) => {
        if (error) return reject(error);
        resolve({
          rows: (rows ?? []) as Row[],
          numUpdatedRows: statement.getNumUpdatedRows(),
          queryId: statement.getQueryId(),
        });
      },
    });
  });
}
