import { execFileSync } from 'node:child_process';
import { closeSync, constants, createWriteStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { WindowExport } from '@ledgerline/warehouse-sync';
import { readWindowCsvSql, spoolWindow } from './window-csv.ts';

/**
 * Runs `load` with a read_csv relation over the window export while the export is still arriving
 * (issue #23): the chunks go into a named pipe that DuckDB's CSV reader reads, so Postgres
 * writing the COPY and DuckDB parsing and inserting it overlap instead of taking turns.
 *
 * `load` resolving is not enough: if the export failed midway, DuckDB saw an early end of file
 * and may have loaded a prefix. So the result is only returned when the export ended complete;
 * otherwise this rejects (with the export's own error) and the caller rolls back. A load that
 * fails before DuckDB opened the pipe would leave the writer blocked in open(2): the read end is
 * opened and closed once here to release it.
 *
 * Where named pipes do not exist (Windows) the export is spooled to a temp file first.
 */
export async function withWindowRelation<T>(windowExport: WindowExport, load: (relation: string) => Promise<T>): Promise<T> {
  if (process.platform === 'win32') {
    const spooled = await spoolWindow(windowExport);
    try {
      return await load(spooled.relation);
    } finally {
      spooled.remove();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-sync-'));
  try {
    const fifo = join(dir, `${windowExport.table.name}.csv`);
    execFileSync('mkfifo', ['-m', '600', fifo]);
    let writerDone = false;
    const writing = pipeline(Readable.from(windowExport.chunks, { objectMode: false }), createWriteStream(fifo)).finally(() => {
      writerDone = true;
    });
    const loading = load(readWindowCsvSql(windowExport.table, fifo)).finally(async () => {
      // The writer may not have reached open(2) yet when the load fails: release until it ends.
      while (!writerDone) {
        releaseBlockedWriter(fifo);
        await Promise.race([writing.catch(() => undefined), delay(20)]);
      }
    });
    const [written, loaded] = await Promise.allSettled([writing, loading]);
    // The export's own failure explains a truncated load best; a broken pipe only echoes the load's.
    if (written.status === 'rejected' && !isBrokenPipe(written.reason)) throw written.reason;
    if (loaded.status === 'rejected') throw loaded.reason;
    if (written.status === 'rejected') throw written.reason;
    return loaded.value;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function releaseBlockedWriter(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  } catch {
    // the pipe is gone or never blocked anyone: nothing to release
  }
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
