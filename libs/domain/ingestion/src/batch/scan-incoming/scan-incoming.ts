import type { StoredFile } from '../file-store.port.ts';
import type { BatchIngestDeps, BatchIngestOptions } from '../ingest-statement-file/batch-ingest-options.ts';
import type { FileIngestOutcome } from '../ingest-statement-file/file-ingest-outcome.ts';
import { ingestStatementFile } from '../ingest-statement-file/ingest-statement-file.ts';

export interface ScanControls {
  /** Only files it accepts are ingested now (the watcher's "size is stable" test); default all. */
  ready?: (file: StoredFile) => boolean | Promise<boolean>;
  /** Checked between files: an aborted scan finishes the file in hand and stops. */
  signal?: AbortSignal;
  /** Called as soon as each file is done, for progress output. */
  onOutcome?: (outcome: FileIngestOutcome) => void;
}

/**
 * One pass over the incoming folder: every listed file (temp files of atomic writers are never
 * listed) is ingested in name order, one at a time. A bad file is quarantined and the scan goes
 * on; a failure outside the file (database down) is reported as `failed` for that file, which
 * stays where it is for the next scan.
 */
export async function scanIncoming(deps: BatchIngestDeps, options: BatchIngestOptions, controls: ScanControls = {}): Promise<FileIngestOutcome[]> {
  const outcomes: FileIngestOutcome[] = [];
  for (const file of await deps.files.list(options.folders.incoming)) {
    if (controls.signal?.aborted) break;
    if (controls.ready && !(await controls.ready(file))) continue;
    let outcome: FileIngestOutcome;
    try {
      outcome = await ingestStatementFile(file, deps, options);
    } catch (error) {
      deps.logger.warn('could not ingest file; it stays in the incoming folder', { file: file.name, error });
      outcome = { status: 'failed', file: file.name, error: error instanceof Error ? error.message : String(error) };
    }
    outcomes.push(outcome);
    controls.onOutcome?.(outcome);
  }
  return outcomes;
}
