export interface ProgressOptions {
  label: string;
  total: number;
  /** stderr by default, so stdout stays clean for the summary. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** For tests; defaults to Date.now. */
  now?: () => number;
}

export interface ProgressBar {
  advance(rows: number): void;
  /** Ends the bar (a final newline on a terminal). */
  finish(): void;
}

const WIDTH = 30;
const TTY_REDRAW_MS = 100;

/**
 * A one-line progress bar redrawn with `\r` on a terminal. When stderr is not a terminal (CI,
 * pipes, log files) it prints a plain line at every tenth instead, so logs are not flooded with
 * carriage returns.
 */
export function createProgressBar(options: ProgressOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  const total = Math.max(options.total, 0);
  const started = now();
  let done = 0;
  let lastDraw = -Infinity;
  let lastTenth = 0;

  const line = (): string => {
    const fraction = total === 0 ? 1 : Math.min(done / total, 1);
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = Math.round(done / seconds);
    const bar = tty ? `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] ` : '';
    return `${options.label} ${bar}${String(Math.floor(fraction * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows, ${rate.toLocaleString('en')} rows/s`;
  };

  return {
    advance(rows: number) {
      done += rows;
      if (tty) {
        const t = now();
        if (t - lastDraw >= TTY_REDRAW_MS || done >= total) {
          lastDraw = t;
          stream.write(`\r${line()}\u001b[K`);
        }
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((Math.min(done, total) / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (tty) stream.write(`\r${line()}\u001b[K\n`);
      else if (lastTenth < 10) stream.write(`${line()}\n`);
    },
  };
}
