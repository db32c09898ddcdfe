import type { Health } from '../api-types.ts';
import { dateTime, duration, el } from '../format.ts';

function line(label: string, value: string): HTMLElement {
  const row = el('div', undefined, 'fact');
  row.append(el('span', label, 'muted'), el('span', value));
  return row;
}

/** Sync time, lag and watermarks from the analytics file; job runs from Postgres when known. */
export function renderHealth(container: HTMLElement, health: Health): void {
  const nodes: HTMLElement[] = [
    line('Last analytics sync', dateTime(health.last_sync_at)),
    line('Sync lag', duration(health.sync_lag_seconds)),
    line('Latest transaction', dateTime(health.latest_transaction_at)),
    line('Answering from', health.source === 'marts' ? 'dbt marts' : health.source === 'serving' ? 'serving tables (rollups of RAW)' : 'RAW tables'),
    ...health.watermarks.map((w) => line(`Watermark ${w.table}`, w.watermark ?? 'none')),
  ];
  if (health.pipeline.state === 'unknown') {
    nodes.push(line('Pipeline runs', 'unknown'), line('DLQ', 'unknown'), el('p', health.pipeline.reason, 'muted small'));
  } else {
    nodes.push(line('DLQ', String(health.pipeline.dlq_count)));
    for (const job of health.pipeline.jobs) {
      const text = `${job.status} at ${dateTime(job.started_at)}${job.rows === null ? '' : `, ${job.rows} rows`}${job.failures_24h ? `, ${job.failures_24h} failed in 24 h` : ''}`;
      const row = line(job.job, text);
      if (job.status === 'failed') row.classList.add('bad');
      nodes.push(row);
    }
  }
  container.replaceChildren(...nodes);
}
