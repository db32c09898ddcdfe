import type { DuckDBConnection } from '@duckdb/node-api';
import type { QuarantineReport, SourceId, SourceStatus } from '@ledgerline/market-data';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { QUARANTINE_TABLE, SOURCE_RUNS_TABLE } from './market-raw-ddl.ts';

// The market RAW store's reads of its own bookkeeping (source runs and the quarantine), apart
// from the writes: what `market status` and the dashboard's source panel show.

const fromEpochMs = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());

/** Per source: its last run, last success, last error and how many payloads it has in quarantine. */
export async function readSourceStatus(db: DuckDBConnection, schema: string): Promise<SourceStatus[]> {
  const s = q(schema);
  const reader = await db.runAndReadAll(`
    WITH runs AS (SELECT *, row_number() OVER (PARTITION BY source ORDER BY finished_at DESC) AS recency FROM ${s}.${SOURCE_RUNS_TABLE}),
         success AS (SELECT source, max(finished_at) AS at FROM ${s}.${SOURCE_RUNS_TABLE} WHERE outcome <> 'failed' GROUP BY source),
         held AS (SELECT source, count(*) AS n FROM ${s}.${QUARANTINE_TABLE} GROUP BY source),
         sources AS (SELECT source FROM ${s}.${SOURCE_RUNS_TABLE} UNION SELECT source FROM ${s}.${QUARANTINE_TABLE})
    SELECT sources.source, epoch_ms(runs.finished_at) AS last_run, runs.outcome, epoch_ms(success.at) AS last_success, runs.error, coalesce(held.n, 0) AS held
      FROM sources
      LEFT JOIN runs ON runs.source = sources.source AND runs.recency = 1
      LEFT JOIN success ON success.source = sources.source
      LEFT JOIN held ON held.source = sources.source
     ORDER BY sources.source`);
  return reader.getRowObjectsJS().map((row) => ({
    source: String(row.source),
    lastRunAt: fromEpochMs(row.last_run),
    lastOutcome: (row.outcome ?? null) as SourceStatus['lastOutcome'],
    lastSuccessAt: fromEpochMs(row.last_success),
    lastError: (row.error ?? null) as string | null,
    quarantined: Number(row.held),
  }));
}

/** The quarantined payloads, oldest first; one source's when given. */
export async function readQuarantined(db: DuckDBConnection, schema: string, source?: SourceId): Promise<QuarantineReport[]> {
  const reader = await db.runAndReadAll(
    `SELECT source, endpoint, field, reason, epoch_ms(received_at) AS received_at, raw_body FROM ${q(schema)}.${QUARANTINE_TABLE}
      WHERE $1 IS NULL OR source = $1 ORDER BY received_at, source`,
    [source ?? null],
  );
  return reader.getRowObjectsJS().map((row) => ({
    source: String(row.source),
    endpoint: String(row.endpoint),
    field: String(row.field),
    reason: String(row.reason),
    receivedAt: fromEpochMs(row.received_at) as string,
    rawBody: String(row.raw_body),
  }));
}
