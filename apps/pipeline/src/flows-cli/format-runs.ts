import type { FlowDefinition, FlowRunRecord } from '@ledgerline/flows';

const time = (d: Date | undefined) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

/** 0.4 s, 12.3 s, 4m05s, 2h03m: short enough for a table column. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** `flows history`: newest first, one line per run; the error in full at the end of its line. */
export function formatHistory(runs: readonly FlowRunRecord[]): string[] {
  if (runs.length === 0) return ['no runs yet'];
  return table(
    ['flow', 'run', 'state', 'attempts', 'day', 'started (UTC)', 'finished (UTC)', 'duration', 'rows', 'error'],
    runs.map((r) => [
      r.flow,
      r.id.slice(0, 8),
      r.state,
      String(r.attempts),
      r.interval?.start ?? '-',
      time(r.startedAt),
      time(r.finishedAt),
      r.startedAt && r.finishedAt ? formatDuration(r.finishedAt.getTime() - r.startedAt.getTime()) : '-',
      r.rows === undefined ? '-' : String(r.rows),
      r.error ?? '',
    ]),
  );
}

export function scheduleOf(flow: FlowDefinition): string {
  if (flow.schedule) return `cron ${flow.schedule} UTC`;
  if (flow.everySeconds) return `every ${flow.everySeconds} s`;
  return 'on demand';
}

/** `flows list`: name, schedule, backfill, retries, what it does. */
export function formatFlowList(flows: readonly FlowDefinition[]): string[] {
  return table(
    ['flow', 'schedule', 'backfill', 'retries', 'description'],
    flows.map((f) => [f.name, scheduleOf(f), f.backfillable ? 'daily' : '-', `${f.retry.limit}${f.retry.backoff ? ' (backoff)' : ''}`, f.description]),
  );
}
