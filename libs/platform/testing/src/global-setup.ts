import { registerRun, unregisterRun } from './service-runs.ts';
import { servicesCacheDir, stopServicesStartedSince } from './stop-started-services.ts';

// Vitest global setup (root vitest.config.ts): remembers when this run began and, at teardown,
// stops the local services the run started. Services running before the run keep running, and
// nothing is stopped while another test run in the same checkout is still going.
export default function setup(): () => Promise<void> {
  const runStartedAt = Date.now();
  registerRun(servicesCacheDir(), process.pid, runStartedAt);

  return async function teardown(): Promise<void> {
    unregisterRun(servicesCacheDir(), process.pid);
    await stopServicesStartedSince(runStartedAt);
  };
}
