import { s3EndpointSchema, type S3Endpoint } from './endpoint-schemas.ts';
import { cachedPerProcess, resolveEndpoint } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

// Cold machine: the script first builds versitygw with `go install` (a few minutes on 2 cores).
const LOCAL_START_TIMEOUT_MS = 600_000;

const resolveS3 = cachedPerProcess(() =>
  resolveEndpoint<S3Endpoint>({
    fromEnv: () => {
      const endpoint = process.env.TEST_S3_ENDPOINT;
      if (!endpoint) return undefined;
      return s3EndpointSchema.parse({
        endpoint,
        region: process.env.TEST_S3_REGION ?? 'us-east-1',
        accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID,
        secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY,
      });
    },
    // Never a container: the local build is the same server and needs no runtime.
    fromContainer: () => startLocalService('s3', s3EndpointSchema, LOCAL_START_TIMEOUT_MS),
    fromLocal: () => startLocalService('s3', s3EndpointSchema, LOCAL_START_TIMEOUT_MS),
  }),
);

/**
 * An S3-compatible server: TEST_S3_ENDPOINT (+ TEST_S3_ACCESS_KEY_ID, TEST_S3_SECRET_ACCESS_KEY),
 * else the local versitygw from tools/services/s3.sh (started without a webhook). Tests make their
 * own bucket (uniqueName) so they never see each other's objects.
 */
export async function startS3(): Promise<S3Endpoint> {
  return (await resolveS3()).value;
}
