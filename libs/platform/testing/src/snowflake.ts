import { z } from 'zod';

/** A Snowflake endpoint for integration tests: the emulator (tools/snowflake-emulator). */
export interface SnowflakeTestEndpoint {
  /** The driver's `accessUrl`. */
  readonly accessUrl: string;
  /** Fault injection and introspection over the emulator's control endpoints (`/__emulator/...`). */
  readonly controls: SnowflakeEmulatorControls;
  /** Stops an emulator this call started; a no-op for TEST_SNOWFLAKE_ACCESS_URL. */
  close(): Promise<void>;
}

/** What a test needs of the emulator; works the same in-process and against a separate process. */
export interface SnowflakeEmulatorControls {
  queryHistory(): Promise<SnowflakeQueryRecord[]>;
  queryTags(): Promise<string[]>;
  /** The next `count` requests in `scope` fail: with an HTTP `status`, or with a Snowflake error `code`. */
  failNext(fault: { count?: number; status?: number; code?: string; message?: string; scope?: 'any' | 'login' | 'query' }): Promise<void>;
}

const queryRecordSchema = z.looseObject({
  queryId: z.string(),
  sqlText: z.string(),
  queryTag: z.string().nullable(),
  status: z.string(),
  errorCode: z.string().nullable(),
});
export type SnowflakeQueryRecord = z.infer<typeof queryRecordSchema>;

const historySchema = z.object({ queries: z.array(queryRecordSchema) });
const tagsSchema = z.object({ queryTags: z.array(z.string()) });

/** Controls over HTTP, so a test does not care where the emulator runs. */
export function snowflakeEmulatorControls(accessUrl: string): SnowflakeEmulatorControls {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(new URL(path, accessUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator control ${method} ${path} answered HTTP ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return {
    queryHistory: async () => historySchema.parse(await call('GET', '/__emulator/query-history')).queries,
    queryTags: async () => tagsSchema.parse(await call('GET', '/__emulator/query-tags')).queryTags,
    failNext: async (fault) => void (await call('POST', '/__emulator/fail-next', fault)),
  };
}

/**
 * A Snowflake endpoint: TEST_SNOWFLAKE_ACCESS_URL (an emulator started elsewhere, e.g.
 * `npx tsx tools/snowflake-emulator/src/main.ts`), else a fresh emulator started in this
 * process on an in-memory DuckDB. Real Snowflake cannot be used for tests (no network here, and
 * the control endpoints are emulator-only). Each caller gets its own in-process emulator; use
 * unique schema names anyway, so that a shared TEST_SNOWFLAKE_ACCESS_URL also works.
 */
export async function startSnowflake(): Promise<SnowflakeTestEndpoint> {
  const fromEnv = process.env.TEST_SNOWFLAKE_ACCESS_URL;
  if (fromEnv) {
    const accessUrl = z.url({ protocol: /^https?$/ }).parse(fromEnv);
    return { accessUrl, controls: snowflakeEmulatorControls(accessUrl), close: async () => undefined };
  }
  // The emulator is a test fixture under tools/ (not an Nx library, so no @ledgerline alias), and
  // it pulls in DuckDB: imported by path, and only when no env URL is given.
  // eslint-disable-next-line @nx/enforce-module-boundaries
  const { startSnowflakeEmulator } = await import('../../../../tools/snowflake-emulator/src/index.ts');
  const emulator = await startSnowflakeEmulator();
  return { accessUrl: emulator.url, controls: snowflakeEmulatorControls(emulator.url), close: () => emulator.close() };
}
