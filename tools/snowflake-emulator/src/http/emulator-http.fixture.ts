import { gzipSync } from 'node:zlib';
import { z } from 'zod';

/** Test helper: talks to the emulator over raw HTTP the way the driver does (no driver). */
const envelopeSchema = z.object({
  success: z.boolean(),
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const resultDataSchema = z.looseObject({
  rowtype: z.array(z.looseObject({ name: z.string(), type: z.string(), scale: z.number().nullable() })),
  rowset: z.array(z.array(z.string().nullable())),
  queryId: z.string(),
  statementTypeId: z.number(),
});
export type ResultData = z.infer<typeof resultDataSchema>;

export async function post(url: string, body: unknown, token?: string, gzip = true): Promise<{ status: number; envelope: Envelope }> {
  const json = Buffer.from(JSON.stringify(body));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...(token ? { Authorization: `Snowflake Token="${token}"` } : {}),
    },
    body: gzip ? gzipSync(json) : json,
  });
  return { status: response.status, envelope: envelopeSchema.parse(await response.json()) };
}

/** POST to a control endpoint (/__emulator/...), whose answers are plain JSON. */
export async function control(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

export async function get(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: token ? { Authorization: `Snowflake Token="${token}"` } : {} });
  return { status: response.status, body: await response.json() };
}

/** Logs in and returns a `query` function bound to the new session. */
export async function openSession(baseUrl: string, user = 'TESTER', password = 'pw', params = 'databaseName=LEDGERLINE&schemaName=RAW') {
  const { envelope } = await post(`${baseUrl}/session/v1/login-request?${params}`, { data: { LOGIN_NAME: user, PASSWORD: password } });
  if (!envelope.success) throw new Error(`login failed: ${envelope.message}`);
  const token = z.object({ token: z.string() }).parse(envelope.data).token;
  const raw = (sqlText: string, extra: Record<string, unknown> = {}) => post(`${baseUrl}/queries/v1/query-request?requestId=r`, { sqlText, ...extra }, token);
  const query = async (sqlText: string, extra: Record<string, unknown> = {}): Promise<ResultData> => {
    const { envelope: result } = await raw(sqlText, extra);
    if (!result.success) throw new Error(`${result.code}: ${result.message}`);
    return resultDataSchema.parse(result.data);
  };
  return { token, raw, query };
}
