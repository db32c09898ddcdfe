import type { StoredFile } from '../file-store.port.ts';

/**
 * Tells when a file has stopped growing: it is ready once its size and modification time are
 * unchanged across passes at least `stableMs` apart. Protects against writers that do not rename
 * atomically (a copy into the folder, an upload in progress).
 */
export class FileStability {
  private readonly seen = new Map<string, { size: number; modifiedMs: number; since: number; pass: number }>();
  private pass = 0;
  private waiting = false;
  private readonly stableMs: number;
  private readonly now: () => number;

  constructor(stableMs: number, now: () => number) {
    this.stableMs = stableMs;
    this.now = now;
  }

  beginPass(): void {
    this.pass += 1;
    this.waiting = false;
  }

  /** True when the file may be taken now; a ready file is forgotten (a later copy starts afresh). */
  ready(file: StoredFile): boolean {
    const t = this.now();
    const previous = this.seen.get(file.path);
    if (!previous || previous.size !== file.size || previous.modifiedMs !== file.modifiedMs) {
      this.seen.set(file.path, { size: file.size, modifiedMs: file.modifiedMs, since: t, pass: this.pass });
      this.waiting = true;
      return false;
    }
    if (t - previous.since >= this.stableMs) {
      this.seen.delete(file.path);
      return true;
    }
    previous.pass = this.pass;
    this.waiting = true;
    return false;
  }

  /** Forgets files that were not listed in this pass (moved or deleted). */
  endPass(): void {
    for (const [path, entry] of this.seen) if (entry.pass !== this.pass) this.seen.delete(path);
  }

  /** Some file listed in the last pass is still settling: another pass is due after `stableMs`. */
  get hasWaiting(): boolean {
    return this.waiting;
  }
}
