import type { FolderWatch } from '../file-store.port.ts';
import type { BatchIngestDeps, BatchIngestOptions } from '../ingest-statement-file/batch-ingest-options.ts';
import type { FileIngestOutcome } from '../ingest-statement-file/file-ingest-outcome.ts';
import { scanIncoming } from '../scan-incoming/scan-incoming.ts';
import { FileReadiness } from './file-readiness.ts';

export interface WatchControls {
  /** A file is taken once its size and mtime have not changed for this long (default 1,000 ms). */
  stableMs?: number;
  /**
   * A stable file that does not look finished for its format (no `</OFX>`, no closing `:62F:`, a
   * last line without its line end, ...) is waited for while unchanged this long, then taken anyway
   * so ingest quarantines it as truncated (default 300,000 ms).
   */
  incompleteMs?: number;
  /** Full rescan interval: the safety net under file-system events, which can be lost (default 10,000 ms). */
  rescanMs?: number;
  /** Bursts of file-system events are coalesced into one pass (default 100 ms). */
  debounceMs?: number;
  onOutcome?: (outcome: FileIngestOutcome) => void;
}

export interface IncomingWatcher {
  /** Stops watching; the file in hand is finished (its transaction commits or rolls back) first. */
  stop(): Promise<void>;
  /** Resolves once stopped. */
  readonly done: Promise<void>;
}

/**
 * Watches the incoming folder and ingests files as they arrive: file-system events (debounced)
 * and a periodic rescan both trigger a pass; a pass takes only files whose size and mtime have been
 * stable for `stableMs` and that look finished for their format (FileReadiness), and passes never
 * overlap. A bad file is quarantined and watching goes on;
 * errors of a pass itself (folder unreadable) are logged and the next pass tries again.
 */
export const DEFAULT_INCOMPLETE_MS = 300_000;

export function watchIncoming(deps: BatchIngestDeps, options: BatchIngestOptions, controls: WatchControls = {}): IncomingWatcher {
  const stableMs = controls.stableMs ?? 1_000;
  const rescanMs = controls.rescanMs ?? 10_000;
  const debounceMs = controls.debounceMs ?? 100;
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child('watch', { folder: options.folders.incoming });
  const stability = new FileReadiness(deps.files, { stableMs, incompleteMs: controls.incompleteMs ?? DEFAULT_INCOMPLETE_MS, now, logger });
  const lifetime = new AbortController();

  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDue = Infinity;
  let running: Promise<void> | undefined;
  let again = false;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const request = (delayMs: number): void => {
    if (lifetime.signal.aborted) return;
    const due = now() + delayMs;
    if (timer !== undefined && timerDue <= due) return;
    if (timer !== undefined) clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      timerDue = Infinity;
      pass();
    }, delayMs);
  };

  const pass = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      stability.beginPass();
      try {
        await scanIncoming(deps, options, { ready: (file) => stability.ready(file), signal: lifetime.signal, onOutcome: controls.onOutcome });
      } catch (error) {
        logger.error('scan of the incoming folder failed; retrying on the next pass', { error });
      }
      stability.endPass();
    })().finally(() => {
      running = undefined;
      if (stability.hasWaiting) request(stableMs);
      if (again) {
        again = false;
        request(0);
      }
    });
  };

  let watch: FolderWatch | undefined;
  try {
    watch = deps.files.watch(options.folders.incoming, () => request(debounceMs));
  } catch (error) {
    logger.warn('file-system events unavailable; relying on the periodic rescan', { error });
  }
  const rescan = setInterval(() => request(0), rescanMs);
  logger.info('watching for statements', { stable_ms: stableMs, rescan_ms: rescanMs });
  request(0);

  return {
    done,
    async stop() {
      if (lifetime.signal.aborted) return done;
      lifetime.abort();
      clearInterval(rescan);
      if (timer !== undefined) clearTimeout(timer);
      watch?.close();
      await running;
      logger.info('stopped watching');
      resolveDone();
      return done;
    },
  };
}
