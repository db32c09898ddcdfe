export interface ThrottledLine {
  /** Prints `text` as a line unless one was printed less than `intervalMs` ago; `force` prints anyway. */
  write(text: string, force?: boolean): void;
}

/**
 * Progress lines for long runs on stderr: at most one per interval, each a complete line (no
 * carriage-return redraws), so logs and pipes stay readable and tests can wait for them.
 */
export function createThrottledLine(stream: NodeJS.WritableStream, intervalMs: number, now: () => number = Date.now): ThrottledLine {
  let last = now();
  return {
    write(text, force = false) {
      const t = now();
      if (!force && t - last < intervalMs) return;
      last = t;
      stream.write(`${text}\n`);
    },
  };
}
