import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import { StatementParseError } from '../statement-parse-error.ts';
import { createByteDecoder, type ByteDecoder } from './byte-decoder.ts';
import { detectCsvLayout, isBlank, noHeaderError, type CsvLayout } from './csv-layout.ts';
import { CsvRowReader } from './csv-row-reader.ts';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.ts';
import { DateOrderResolver } from './date-order-resolver.ts';
import type { DetectedColumns, DetectedDialect } from './detected-dialect.ts';
import type { MappingProfile } from './mapping-profile.ts';
import { summaryLineOf, type SummaryLine } from './summary-lines.ts';

export interface CsvParseOptions {
  /** File name used in error messages. */
  file?: string;
  profile?: MappingProfile;
  /** Lines looked at to detect delimiter, header and number format (default 200). */
  sampleLines?: number;
  /** Rows held back while the day/month order is still open (default 100 000). */
  maxPendingRows?: number;
}

const DEFAULT_SAMPLE_LINES = 200;
const MAX_SAMPLE_CHARS = 1 << 20;
const DEFAULT_MAX_PENDING = 100_000;

/**
 * Incremental CSV statement parser: `push` byte chunks as they are read, `end` once. Memory stays
 * constant in the file size: only the detection sample (first ~200 lines) is buffered, plus rows
 * whose dates are still ambiguous (DD/MM vs MM/DD) until a row settles the order.
 * Every failure is a StatementParseError naming the line (and column).
 */
export class StatementCsvParser {
  private readonly options: CsvParseOptions;
  private readonly decoder: ByteDecoder;
  private sample: string[] = [];
  private sampleChars = 0;
  private sampleNewlines = 0;
  private sampleTarget: number;
  private layout: CsvLayout | undefined;
  private tokenizer: CsvTokenizer | undefined;
  private reader: CsvRowReader | undefined;
  private resolver: DateOrderResolver | undefined;
  private finished = false;
  private rowsRead = 0;
  /** The first footer-like line after the table; thrown if a real row follows it after all. */
  private heldFooter: StatementParseError | undefined;
  private readonly summaryLines: SummaryLine[] = [];

  constructor(options: CsvParseOptions = {}) {
    this.options = options;
    this.decoder = createByteDecoder(options.profile?.encoding);
    this.sampleTarget = options.sampleLines ?? DEFAULT_SAMPLE_LINES;
  }

  push(chunk: Uint8Array): ParsedStatementRow[] {
    return this.guard(() => {
      if (this.finished) throw new Error('StatementCsvParser: push after end');
      return this.accept(this.decoder.decode(chunk), false);
    });
  }

  end(): ParsedStatementRow[] {
    return this.guard(() => {
      if (this.finished) return [];
      const rows = this.accept(this.decoder.end(), true);
      this.finished = true;
      if (!this.tokenizer) return rows;
      rows.push(...this.records(this.tokenizer.end()));
      rows.push(...(this.resolver as DateOrderResolver).finish());
      return rows;
    });
  }

  /** The export's own balance and total lines, left out of the rows (the caller checks that the balances add up). */
  get summaries(): readonly SummaryLine[] {
    return this.summaryLines;
  }

  /** What was detected so far; undefined until the sample has been read. */
  get dialect(): DetectedDialect | undefined {
    const layout = this.layout;
    if (!layout) return undefined;
    const { mapping } = layout;
    const columns: DetectedColumns = { date: mapping.date.name, description: mapping.description.map((d) => d.name) };
    for (const key of ['time', 'amount', 'debit', 'credit', 'direction', 'balance', 'currency', 'category', 'id'] as const) {
      const ref = mapping[key];
      if (ref) columns[key] = ref.name;
    }
    const profile = this.options.profile;
    return {
      encoding: this.decoder.encoding,
      bom: this.decoder.bom,
      delimiter: layout.delimiter,
      quote: '"',
      headerLine: layout.headerLine,
      preamble: layout.preamble,
      columns,
      amountStyle: mapping.amount ? 'signed' : 'debit-credit',
      dateFormat: this.reader?.dateFormat ?? null,
      decimalSeparator: this.reader?.decimalSeparator ?? null,
      signConvention: profile?.signConvention ?? 'negative-is-out',
      profile: profile ? (profile.name ?? '(unnamed)') : null,
    };
  }

  private accept(text: string, atEof: boolean): ParsedStatementRow[] {
    if (this.tokenizer) return this.records(this.tokenizer.push(text));
    this.sample.push(text);
    this.sampleChars += text.length;
    this.sampleNewlines += countNewlines(text);
    if (!atEof && this.sampleNewlines < this.sampleTarget && this.sampleChars < MAX_SAMPLE_CHARS) return [];
    return this.startFromSample(atEof);
  }

  private startFromSample(atEof: boolean): ParsedStatementRow[] {
    const text = this.sample.join('');
    if (atEof && this.decoder.byteCount === 0) throw new StatementParseError({ line: 0, reason: 'empty file (0 bytes)' });
    if (atEof && text.trim() === '') throw new StatementParseError({ line: 0, reason: 'empty file: no header and no data lines' });
    // Detect on complete lines only; the unfinished last line is parsed with the rest.
    const cut = atEof ? text.length : Math.max(text.lastIndexOf('\n') + 1, 0);
    const layout = detectCsvLayout(text.slice(0, cut), atEof, this.options.profile);
    if (!layout) {
      // A long preamble: look further, within the sample's hard limit.
      if (!atEof && this.sampleChars < MAX_SAMPLE_CHARS) {
        this.sample = [text];
        this.sampleTarget *= 2;
        return [];
      }
      throw noHeaderError(this.options.profile);
    }
    this.sample = [];
    this.layout = layout;
    this.reader = new CsvRowReader(layout, this.options.profile);
    this.resolver = new DateOrderResolver(layout.mapping.date.name, this.options.maxPendingRows ?? DEFAULT_MAX_PENDING);
    this.tokenizer = new CsvTokenizer(layout.delimiter);
    return this.records(this.tokenizer.push(text));
  }

  private records(records: CsvRecord[]): ParsedStatementRow[] {
    const layout = this.layout as CsvLayout;
    const reader = this.reader as CsvRowReader;
    const resolver = this.resolver as DateOrderResolver;
    const out: ParsedStatementRow[] = [];
    for (const record of records) {
      if (record.line < layout.dataStartLine || isBlank(record)) continue;
      const summary = record.error === undefined ? summaryLineOf(record, layout.mapping, reader.decimalSeparator ?? layout.decimal) : undefined;
      if (summary) {
        this.summaryLines.push(summary);
        continue;
      }
      const established = resolver.establishedBy;
      const note = established ? ` (this file's dates are ${reader.dateFormat ?? resolver.current}, as line ${established.line} '${established.raw}' shows)` : '';
      let read: ReturnType<CsvRowReader['read']>;
      try {
        read = reader.read(record, resolver.current, note);
      } catch (error) {
        // Summary lines after the table ("Total", "End of statement"): skipped if nothing but
        // such lines follow; a real row after one makes it a bad row in the middle after all.
        if (error instanceof StatementParseError && this.rowsRead > 0 && isFooterLike(record, layout)) {
          this.heldFooter ??= error;
          continue;
        }
        throw error;
      }
      if (this.heldFooter) throw this.heldFooter;
      this.rowsRead += 1;
      const { row, date } = read;
      if (date.kind === 'date') resolver.definite(row, date.raw, date.impliesOrder, out);
      else resolver.ambiguous(row, date.raw, date.date, out);
    }
    return out;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      this.finished = true;
      if (error instanceof StatementParseError) throw error.withFile(this.options.file);
      throw error;
    }
  }
}

/**
 * A line that clearly is not a transaction: its date cell starts with a letter and holds nothing
 * date-like (no `12/31`-style numbers, no 4-digit year) -- "Total", "End of statement - 3 rows".
 */
function isFooterLike(record: CsvRecord, layout: CsvLayout): boolean {
  if (record.error !== undefined) return false;
  const cell = (record.fields[layout.mapping.date.index] ?? '').trim();
  return /^\p{L}/u.test(cell) && !/\d[-/.]\d|\b\d{4}\b/.test(cell);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
