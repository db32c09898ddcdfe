import type { Logger } from '@ledgerline/logging';
import type { FileStore, StoredFile } from '../file-store.port.ts';
import { FileStability } from './file-stability.ts';
import { COMPLETENESS_TAIL_BYTES, statementCompleteness } from './statement-completeness.ts';

/** Bytes of the head used to tell the format (as ingest does). */
const HEAD_BYTES = 8 * 1024;

/**
 * The watcher's two tests before a file is taken:
 *  1. size and mtime unchanged for `stableMs` (FileStability);
 *  2. the file looks finished for its format (statementCompleteness: `</OFX>`, a closing
 *     `:62F:`, a last line with its line end, ...).
 * A stable file that does not look finished is held while it stays unchanged for up to
 * `incompleteMs`: a writer that pauses longer than the stability window is waited for, instead
 * of its first part being loaded or quarantined as a piece. A file still unfinished after that
 * is taken anyway, so ingest quarantines it with its precise "appears truncated" reason.
 */
export class FileReadiness {
  private readonly stability: FileStability;
  private readonly held = new Map<string, { size: number; modifiedMs: number; since: number; pass: number }>();
  private pass = 0;
  private holding = false;

  constructor(
    private readonly files: FileStore,
    private readonly options: { stableMs: number; incompleteMs: number; now: () => number; logger: Logger },
  ) {
    this.stability = new FileStability(options.stableMs, options.now);
  }

  beginPass(): void {
    this.pass += 1;
    this.holding = false;
    this.stability.beginPass();
  }

  async ready(file: StoredFile): Promise<boolean> {
    const t = this.options.now();
    const held = this.held.get(file.path);
    if (held && held.size === file.size && held.modifiedMs === file.modifiedMs) {
      // Unchanged since it was found unfinished: its content (and verdict) cannot have changed.
      held.pass = this.pass;
      if (t - held.since < this.options.incompleteMs) {
        this.holding = true;
        return false;
      }
      this.held.delete(file.path);
      this.options.logger.warn('file stayed unfinished; taking it (ingest reports what is missing)', { file: file.name });
      return true;
    }
    if (held) this.held.delete(file.path); // it changed: the writer is back, stability starts afresh
    if (!this.stability.ready(file)) return false;
    let head: Uint8Array;
    let tail: Uint8Array;
    try {
      head = await this.files.readHead(file.path, HEAD_BYTES);
      tail = await this.files.readTail(file.path, COMPLETENESS_TAIL_BYTES);
    } catch (error) {
      // Gone or unreadable since it was listed: the next pass lists the folder again.
      this.options.logger.warn('could not read the file to tell whether it is finished', { file: file.name, error });
      return false;
    }
    const completeness = statementCompleteness(head, tail, file.size, file.name);
    if (completeness.complete) return true;
    this.held.set(file.path, { size: file.size, modifiedMs: file.modifiedMs, since: t, pass: this.pass });
    this.options.logger.info('file stopped changing but does not look finished yet; waiting for the writer', {
      file: file.name,
      missing: completeness.missing,
      give_up_after_ms: this.options.incompleteMs,
    });
    this.holding = true;
    return false;
  }

  endPass(): void {
    this.stability.endPass();
    for (const [path, entry] of this.held) if (entry.pass !== this.pass) this.held.delete(path);
  }

  /** Some file is still settling or held as unfinished: another pass is due after `stableMs`. */
  get hasWaiting(): boolean {
    return this.stability.hasWaiting || this.holding;
  }
}
