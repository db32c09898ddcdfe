import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root.ts';
import { runServiceScript } from './run-service-script.ts';
import { otherLiveRuns, servicesToStop, startedServices } from './service-runs.ts';

export function servicesCacheDir(): string {
  return join(repoRoot(), '.cache', 'services');
}

/**
 * Stops the local services started since `since` (epoch ms) or left behind by an earlier harness
 * run, unless another registered test run is still alive. Returns the names it stopped.
 * Used by the Vitest global teardown and by `npm run bench`.
 */
export async function stopServicesStartedSince(since: number, selfPid = process.pid): Promise<string[]> {
  const cacheDir = servicesCacheDir();
  const others = otherLiveRuns(cacheDir, selfPid);
  const started = startedServices(cacheDir);
  if (others.length > 0 && started.length > 0) {
    process.stderr.write(`[testing] leaving local services running: test runs ${others.join(', ')} still use them\n`);
  }
  const names = servicesToStop(started, since, others.length > 0).filter((name) =>
    existsSync(join(repoRoot(), 'tools', 'services', `${name}.sh`)),
  );
  await Promise.all(
    names.map((name) =>
      runServiceScript(name, ['stop'], 120_000).catch((error: unknown) => {
        process.stderr.write(`[testing] could not stop ${name}: ${String(error)}\n`);
      }),
    ),
  );
  return names;
}
