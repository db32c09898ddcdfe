/** One CSV record (RFC 4180): its fields and the physical lines it spans (1-based). */
export interface CsvRecord {
  fields: string[];
  line: number;
  endLine: number;
  /** Set when the record breaks the quoting rules; the parser turns it into an error for this line. */
  error?: string;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // saw a quote inside a quoted field: escaped quote or closing quote
const AFTER_CR = 4; // record ended on CR; a following LF belongs to it

/**
 * Incremental RFC 4180 tokenizer: text arrives in arbitrary chunks (a quoted field may span chunks
 * and lines), records come out as soon as they are complete. Double quotes escape themselves;
 * delimiters and line breaks inside quotes are data. CRLF, LF and lone CR all end a record.
 * A quote in the middle of an unquoted field is kept literally (`5" screen`), as spreadsheets do.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private state = FIELD_START;
  private fields: string[] = [];
  private field = '';
  private line: number;
  private recordLine: number;
  private recordStarted = false;
  private error: string | undefined;
  private quotedCr = false;
  private quoteOpenedOn = 0;

  constructor(delimiter: string, firstLine = 1) {
    this.delimiter = delimiter.charCodeAt(0);
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    const delim = this.delimiter;
    let segStart = 0;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case AFTER_CR:
          if (c === LF) {
            i += 1;
            this.state = FIELD_START;
            continue;
          }
          this.state = FIELD_START;
          continue;
        case FIELD_START:
          this.beginRecord();
          if (c === QUOTE) {
            this.state = QUOTED;
            this.quoteOpenedOn = this.line;
            i += 1;
            segStart = i;
            continue;
          }
          this.state = UNQUOTED;
          segStart = i;
          continue;
        case UNQUOTED:
          if (c === delim) {
            this.field += text.slice(segStart, i);
            this.endField();
            this.state = FIELD_START;
            i += 1;
            continue;
          }
          if (c === LF || c === CR) {
            this.field += text.slice(segStart, i);
            this.endRecord(out, c);
            i += 1;
            continue;
          }
          i += 1;
          continue;
        case QUOTED:
          if (c === QUOTE) {
            this.field += text.slice(segStart, i);
            this.state = QUOTE_IN_QUOTED;
            i += 1;
            continue;
          }
          if (c === CR) this.line += 1;
          else if (c === LF && !this.quotedCr) this.line += 1;
          this.quotedCr = c === CR;
          i += 1;
          continue;
        case QUOTE_IN_QUOTED:
          this.quotedCr = false;
          if (c === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i += 1;
            segStart = i;
            continue;
          }
          if (c === delim) {
            this.endField();
            this.state = FIELD_START;
            i += 1;
            continue;
          }
          if (c === LF || c === CR) {
            this.endRecord(out, c);
            i += 1;
            continue;
          }
          this.error ??= `unexpected text after the closing quote of field ${this.fields.length + 1}`;
          this.state = UNQUOTED;
          segStart = i;
          continue;
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.field += text.slice(segStart, n);
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === QUOTED) {
      this.error ??= `unterminated quoted field (the quote opened on line ${this.quoteOpenedOn} is never closed)`;
    }
    if (this.recordStarted) this.endRecord(out, -1);
    return out;
  }

  /** Line the tokenizer is on (1-based); after `end()` one past the last line. */
  get currentLine(): number {
    return this.line;
  }

  private beginRecord(): void {
    if (this.recordStarted) return;
    this.recordStarted = true;
    this.recordLine = this.line;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(out: CsvRecord[], terminator: number): void {
    this.endField();
    const record: CsvRecord = { fields: this.fields, line: this.recordLine, endLine: this.line };
    if (this.error !== undefined) record.error = this.error;
    out.push(record);
    this.fields = [];
    this.error = undefined;
    this.recordStarted = false;
    if (terminator !== -1) this.line += 1;
    this.state = terminator === CR ? AFTER_CR : FIELD_START;
  }
}
