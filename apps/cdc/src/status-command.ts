import { formatLsn, type ChangeSource } from '@ledgerline/cdc';

/** Reads the published-events counter of a running capture, if one answers on its metrics port. */
async function publishedCount(metricsUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return undefined;
    const match = /^ledgerline_cdc_events_published_total (\d+(?:\.\d+)?)$/m.exec(await response.text());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `-- status`: the slot as PostgreSQL sees it, plus the running process's rate when it answers. */
export async function printStatus(source: ChangeSource, metricsPort: number, write: (line: string) => void): Promise<void> {
  const status = await source.status();
  write(`source:        ${status.kind}`);
  write(`slot:          ${status.slot}${status.exists ? '' : ' (does not exist: the next start creates it and snapshots)'}`);
  if (status.exists) {
    write(`confirmed lsn: ${status.confirmedLsn === null ? '-' : formatLsn(status.confirmedLsn)}`);
    write(`current lsn:   ${formatLsn(status.currentLsn)}`);
    write(`lag bytes:     ${status.lagBytes}`);
    write(`retained WAL:  ${status.retainedBytes} bytes`);
    write(`snapshot:      ${status.snapshotDone ? 'done' : 'not finished (the next start reads the tables)'}`);
  }
  const url = `http://127.0.0.1:${metricsPort}/metrics`;
  const first = metricsPort > 0 ? await publishedCount(url) : undefined;
  if (first === undefined) {
    write(`events/s:      - (no capture answering on ${url})`);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const second = await publishedCount(url);
  write(`events/s:      ${second === undefined ? '-' : Math.max(0, second - first)}`);
}
