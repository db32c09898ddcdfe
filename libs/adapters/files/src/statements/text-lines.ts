import { StatementParseError } from '@ledgerline/ingestion';

/** 1-based line numbers of offsets in a text (CRLF, LF and CR alike), by a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) this.starts.push(i + 1);
    }
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The last line that holds anything but whitespace. */
  lastContentLine(text: string): number {
    return this.lineAt(text.trimEnd().length - 1);
  }
}

/** Lines of a text with their 1-based numbers (CRLF, LF and CR alike). */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text.split(/\r\n|\n|\r/).map((t, i) => ({ line: i + 1, text: t }));
}

/** The file ends before its format says it may: never loaded short. */
export function truncatedAt(line: number, why: string): StatementParseError {
  return new StatementParseError({ line, reason: `appears truncated at line ${line} (${why})` });
}

/** A date from its parts, `YYYY-MM-DD`, or undefined when there is no such day. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Offsets of every match of an element's start tag (`<Ntry>`, `<ns:Ntry attr>`), in document order. */
export function startTagOffsets(text: string, name: string): number[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s>/])`, 'gi');
  return Array.from(text.matchAll(re), (m) => m.index);
}

/**
 * A text whose lines all end with a terminator except the last one was most likely cut off while
 * being written or copied. `complete` says which unterminated endings the format allows (a
 * closing `-}` of a SWIFT message, QIF's `^`).
 */
export function unterminatedLastLine(content: string, complete: (lastLine: string) => boolean): number | undefined {
  if (content === '' || /[\r\n]$/.test(content)) return undefined;
  const lines = numberedLines(content);
  if (lines.length < 2) return undefined;
  const last = lines[lines.length - 1] as { line: number; text: string };
  return complete(last.text.trim()) ? undefined : last.line;
}
