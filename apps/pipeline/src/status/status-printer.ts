/** The bits of a stream the printer needs (process.stdout, or a fake in tests). */
export interface StatusOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Prints the live status line. On a terminal it redraws one line in place, and any other
 * output (a log line on stderr, the stop summary) first clears it and then gets it back below;
 * in a pipe or a file every status is its own line, so a log keeps the history.
 */
export class StatusPrinter {
  private current: string | undefined;

  constructor(private readonly out: StatusOutput) {}

  get inPlace(): boolean {
    return this.out.isTTY === true;
  }

  status(line: string): void {
    if (!this.inPlace) {
      this.out.write(`${line}\n`);
      return;
    }
    this.current = line;
    this.out.write(`${CLEAR_LINE}${line}`);
  }

  /** A line that stays (banner, summary): written above the status line, which is drawn again. */
  line(text: string): void {
    this.around(() => this.out.write(`${text}\n`));
  }

  /** Runs a write of other output (e.g. stderr on the same terminal) with the status line out of its way. */
  around(write: () => void): void {
    if (!this.inPlace || this.current === undefined) {
      write();
      return;
    }
    this.out.write(CLEAR_LINE);
    write();
    this.out.write(this.current);
  }

  /** Leaves the last status on screen as a normal line (before the process ends). */
  finish(): void {
    if (this.inPlace && this.current !== undefined) this.out.write('\n');
    this.current = undefined;
  }
}
