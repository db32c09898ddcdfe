import { writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusEndpointSchema, type PrometheusEndpoint } from './endpoint-schemas.ts';
import { cachedPerProcess } from './resolve-endpoint.ts';
import { startLocalService } from './run-service-script.ts';

// Local only: the tests register their own processes as scrape targets through files, which a
// remote or containerised Prometheus would not see.
const resolvePrometheus = cachedPerProcess(() => startLocalService('prometheus', prometheusEndpointSchema, 120_000));

export interface ScrapeTarget {
  /** Removes the target file; Prometheus stops scraping it within seconds. */
  remove(): void;
}

/** Prometheus (Debian's package, the project's rules loaded) from tools/services/prometheus.sh. */
export async function startPrometheus(): Promise<PrometheusEndpoint> {
  return resolvePrometheus();
}

/** Has Prometheus scrape `hostPort` as job `job` (file-based discovery; written atomically). */
export function addScrapeTarget(endpoint: PrometheusEndpoint, name: string, hostPort: string, job: string): ScrapeTarget {
  const file = join(endpoint.targets, `${name}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify([{ targets: [hostPort], labels: { job } }]));
  renameSync(`${file}.tmp`, file);
  return { remove: () => rmSync(file, { force: true }) };
}
