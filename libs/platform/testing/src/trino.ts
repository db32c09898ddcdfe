import { trinoEndpointSchema, type TrinoEndpoint } from './endpoint-schemas.ts';
import { cachedPerProcess, resolveEndpoint } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

// A cold machine unpacks the 800 MB server first, and the JVM's first start compiles a lot.
const LOCAL_START_TIMEOUT_MS = 420_000;

const resolveTrino = cachedPerProcess(() =>
  resolveEndpoint<TrinoEndpoint>({
    fromEnv: () => (process.env.TEST_TRINO_URL ? trinoEndpointSchema.parse({ url: process.env.TEST_TRINO_URL }) : undefined),
    // Never a container: the local server is the same Trino and needs no runtime (tools/services/trino.sh).
    fromContainer: () => startLocalService('trino', trinoEndpointSchema, LOCAL_START_TIMEOUT_MS),
    fromLocal: () => startLocalService('trino', trinoEndpointSchema, LOCAL_START_TIMEOUT_MS),
  }),
);

/**
 * A Trino coordinator: TEST_TRINO_URL, else the local server from tools/services/trino.sh (one
 * JVM of about 2 GB; already running when `npm test` started it for the whole run). Tests register
 * catalogs of their own (uniqueName) and drop them at the end.
 */
export async function startTrino(): Promise<TrinoEndpoint> {
  return (await resolveTrino()).value;
}
