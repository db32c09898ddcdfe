import { startChromaContainer } from './containers.ts';
import { chromaEndpointSchema, type ChromaEndpoint } from './endpoint-schemas.ts';
import { cachedPerProcess, resolveEndpoint } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

const resolveChroma = cachedPerProcess(() =>
  resolveEndpoint<ChromaEndpoint>({
    fromEnv: () => {
      const url = process.env.TEST_CHROMA_URL;
      return url ? chromaEndpointSchema.parse({ url }) : undefined;
    },
    fromContainer: startChromaContainer,
    // Generous: on a fresh machine the script first builds the Python env that Chroma runs from.
    fromLocal: () => startLocalService('chroma', chromaEndpointSchema, 900_000),
  }),
);

/** Chroma server base URL: TEST_CHROMA_URL, else a container, else the local server. */
export async function startChroma(): Promise<{ url: string }> {
  return (await resolveChroma()).value;
}
