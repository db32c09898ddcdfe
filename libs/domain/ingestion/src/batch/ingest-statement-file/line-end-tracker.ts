import { StatementParseError } from '../../statements/statement-parse-error.ts';

/**
 * Watches a text file's bytes go past for the mark of a cut-off file: lines that all end with a
 * terminator except the last one (a download, copy or export stopped in the middle of a row, so
 * its last amount may read 10.00 instead of 100.00). Counts LF/CR line ends; works for any
 * ASCII-compatible encoding, so it runs on the bytes the CSV parser gets.
 */
export class LineEndTracker {
  private lineEnds = 0;
  /** The bytes after the last line end hold something besides spaces, tabs and a DOS 0x1A end mark. */
  private openTail = false;
  private previousWasCr = false;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) {
        if (!this.previousWasCr) this.lineEnds += 1;
        this.openTail = false;
      } else if (b === 0x0d) {
        this.lineEnds += 1;
        this.openTail = false;
      } else if (b !== 0x20 && b !== 0x09 && b !== 0x1a) this.openTail = true;
      this.previousWasCr = b === 0x0d;
    }
  }

  /** Throws when the last line lacks the terminator every line before it has. */
  check(file: string): void {
    if (this.lineEnds === 0 || !this.openTail) return;
    const line = this.lineEnds + 1;
    throw new StatementParseError({ file, line, reason: `appears truncated at line ${line} (its last line has no line end while every other line has one)` });
  }
}
