/**
 * Why a statement file was rejected, precise enough to fix the file by hand:
 * "march.csv: line 37, column 'Date': '31/02/2026' is not a valid date".
 * `line` is the 1-based physical line in the file (0 when the problem concerns the file as a whole).
 */
export interface StatementParseErrorDetails {
  file?: string;
  line: number;
  column?: string;
  reason: string;
}

export class StatementParseError extends Error {
  readonly file: string | undefined;
  readonly line: number;
  readonly column: string | undefined;
  readonly reason: string;

  constructor(details: StatementParseErrorDetails) {
    super(formatLocation(details) + details.reason);
    this.name = 'StatementParseError';
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.reason = details.reason;
  }

  /** The same error attributed to a file (parsers often learn the file name only from their caller). */
  withFile(file: string | undefined): StatementParseError {
    if (file === undefined || this.file !== undefined) return this;
    return new StatementParseError({ file, line: this.line, column: this.column, reason: this.reason });
  }

  toJSON(): StatementParseErrorDetails {
    return {
      ...(this.file !== undefined ? { file: this.file } : {}),
      line: this.line,
      ...(this.column !== undefined ? { column: this.column } : {}),
      reason: this.reason,
    };
  }
}

function formatLocation({ file, line, column }: StatementParseErrorDetails): string {
  const parts: string[] = [];
  if (line > 0) parts.push(`line ${line}`);
  if (column !== undefined) parts.push(`column '${column}'`);
  const where = parts.join(', ');
  if (file !== undefined) return where ? `${file}: ${where}: ` : `${file}: `;
  return where ? `${where}: ` : '';
}
