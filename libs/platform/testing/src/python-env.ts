import { pythonEnvSchema, type PythonEnv } from './endpoint-schemas.ts';
import { cachedPerProcess } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

const loadPythonEnv = cachedPerProcess(async () => {
  // Set for this process too, so dbt runs spawned by tests never phone home.
  process.env.DBT_SEND_ANONYMOUS_USAGE_STATS = 'false';
  // The script has no start/stop: any argument is ignored and it prints the env as JSON.
  return startLocalService('python-env', pythonEnvSchema, 900_000);
});

/** The project virtualenv (dbt, duckdb, chromadb), created or updated when requirements changed. */
export async function ensurePythonEnv(): Promise<PythonEnv> {
  return loadPythonEnv();
}
