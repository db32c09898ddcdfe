import { dockerAnswers } from './docker-probe.ts';

/** Where an endpoint came from; `restartKafka` and teardown behave differently per source. */
export type EndpointSource = 'env' | 'container' | 'local';

export interface Resolved<T> {
  source: EndpointSource;
  value: T;
}

/** The three ways to get a service, tried in this order. */
export interface EndpointSteps<T> {
  /** An endpoint from a TEST_*_URL variable, or undefined when unset. */
  fromEnv: () => T | undefined;
  /** Testcontainers; only tried when a container runtime answers. */
  fromContainer: () => Promise<T>;
  /** A local service started by a tools/services/ script. */
  fromLocal: () => Promise<T>;
}

/** Env URL, else Testcontainers if Docker answers, else the local service script. */
export async function resolveEndpoint<T>(
  steps: EndpointSteps<T>,
  containerRuntimeAnswers: () => Promise<boolean> = dockerAnswersOnce,
): Promise<Resolved<T>> {
  const fromEnv = steps.fromEnv();
  if (fromEnv !== undefined) return { source: 'env', value: fromEnv };
  if (await containerRuntimeAnswers()) return { source: 'container', value: await steps.fromContainer() };
  return { source: 'local', value: await steps.fromLocal() };
}

/**
 * Caches one async result per process (test files share it within a worker). A failure is not
 * cached, so a later call may retry after e.g. a slow first start timed out.
 */
export function cachedPerProcess<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

// One probe per process is enough: the runtime does not come and go during a test run.
const dockerAnswersOnce = cachedPerProcess(() => dockerAnswers());
