import { z } from 'zod';
import { cachedPerProcess } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

const fakesnowEndpointSchema = z.object({ host: z.string().min(1), port: z.number().int().positive(), url: z.url({ protocol: /^https?$/ }) });
export type FakesnowEndpoint = z.infer<typeof fakesnowEndpointSchema>;

// Local only (tools/services/fakesnow.sh, from .venv): its data is in memory and shared by every
// session, so callers use a database or schema of their own.
const resolveFakesnow = cachedPerProcess(() => startLocalService('fakesnow', fakesnowEndpointSchema, 180_000));

/**
 * fakesnow (PyPI, another author's Snowflake emulator) as an HTTP server for the Python connector.
 * The Node driver cannot talk to it (it answers in Arrow): drive it from Python (tools/dbt/fakesnow,
 * tools/snowflake-dialect/replay_on_fakesnow.py).
 */
export async function startFakesnow(): Promise<FakesnowEndpoint> {
  return resolveFakesnow();
}
