import { StatementParseError } from '../statement-parse-error.ts';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.ts';
import { highestColumnIndex, mapHeaderCells, resolveColumn, type ColumnMapping, type ColumnRef } from './column-mapping.ts';
import { CSV_DELIMITERS, type CsvDelimiter, type MappingProfile } from './mapping-profile.ts';
import { isDirectionMarker } from './direction-markers.ts';
import { parseMoneyCell, type DecimalSeparator } from './money-cell.ts';

/** Text lines before the header: account number, period, bank name... kept for the caller. */
export interface PreambleLine {
  line: number;
  cells: string[];
}

/** Where the data is: the delimiter, header, column roles and (if the sample shows it) the decimal separator. */
export interface CsvLayout {
  delimiter: CsvDelimiter;
  headerLine: number | null;
  /** Records starting before this line are preamble or header. */
  dataStartLine: number;
  mapping: ColumnMapping;
  /** Fields every data row must have (the header's width, or what the mapping reads). */
  fieldCount: number;
  preamble: PreambleLine[];
  decimal?: DecimalSeparator;
}

const HEADER_CONSISTENCY_WINDOW = 50;

/**
 * Detects the layout from the first lines of a file. The delimiter is the candidate under which a
 * header row (date + amount synonyms) appears and the rows after it have the header's width;
 * a mapping profile overrides any part. Undefined when the sample holds no header (yet).
 */
export function detectCsvLayout(sample: string, atEof: boolean, profile?: MappingProfile): CsvLayout | undefined {
  const candidates = profile?.delimiter ? [profile.delimiter] : [...CSV_DELIMITERS];
  const tokenized = candidates.map((delimiter) => ({ delimiter, records: tokenize(sample, delimiter, atEof) }));
  if (profile?.headerRow === 0) return headerlessLayout(tokenized, profile);

  let best: { layout: CsvLayout; score: number } | undefined;
  // With a fixed header line, a candidate delimiter that cannot split it as the profile says is
  // only an error if no candidate can: report the one that split the line into the most cells.
  let rejection: { error: StatementParseError; width: number } | undefined;
  for (const { delimiter, records } of tokenized) {
    let found: ReturnType<typeof findHeader>;
    try {
      found = findHeader(records, profile);
    } catch (error) {
      if (!(error instanceof StatementParseError)) throw error;
      const width = records.find((r) => r.line === error.line)?.fields.length ?? 0;
      if (!rejection || width > rejection.width) rejection = { error, width };
      continue;
    }
    if (!found) continue;
    const { index, mapping } = found;
    const header = records[index] as CsvRecord;
    const following = records.slice(index + 1).filter((r) => !isBlank(r)).slice(0, HEADER_CONSISTENCY_WINDOW);
    const consistent = following.filter((r) => fitsWidth(r.fields, header.fields.length)).length;
    const score = (following.length === 0 ? 1 : consistent / following.length) * 1000 + Object.keys(mapping).length * 10 + header.fields.length;
    if (!best || score > best.score) {
      best = {
        score,
        layout: {
          delimiter,
          headerLine: header.line,
          dataStartLine: header.endLine + 1,
          mapping,
          fieldCount: header.fields.length,
          preamble: records.slice(0, index).filter((r) => !isBlank(r)).map((r) => ({ line: r.line, cells: r.fields.map((c) => c.trim()) })),
        },
      };
    }
  }
  if (!best) {
    if (rejection) throw rejection.error;
    return undefined;
  }
  const layout = best.layout;
  if (!profile?.columns) addUnnamedMarkerColumn(tokenized.find((t) => t.delimiter === layout.delimiter)?.records ?? [], layout);
  const decimal = profile?.decimalSeparator ?? sampleDecimal(tokenized.find((t) => t.delimiter === layout.delimiter)?.records ?? [], layout);
  if (decimal) layout.decimal = decimal;
  return layout;
}

function findHeader(records: CsvRecord[], profile?: MappingProfile): { index: number; mapping: ColumnMapping } | undefined {
  const fixedLine = profile?.headerRow;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as CsvRecord;
    if (record.error !== undefined || isBlank(record)) continue;
    if (fixedLine !== undefined && record.line !== fixedLine) continue;
    // Columns given only by number say nothing about where the header is: find it by synonyms.
    if (profile?.columns && fixedLine === undefined && numbersOnly(profile.columns) && !mapHeaderCells(record.fields)) continue;
    const mapping = profile?.columns ? mapFromProfile(record.fields, profile, record.line, fixedLine !== undefined) : mapHeaderCells(record.fields);
    if (mapping) return { index, mapping };
    if (fixedLine !== undefined) {
      throw new StatementParseError({ line: record.line, reason: 'the profile names this line as the header, but it does not name a date and an amount (or debit and credit) column' });
    }
  }
  return undefined;
}

/** Column roles from a profile; by name against this header row. Undefined if a name is missing. */
function mapFromProfile(header: string[] | undefined, profile: MappingProfile, line: number, strict: boolean): ColumnMapping | undefined {
  const columns = profile.columns;
  if (!columns) return undefined;
  const missing: string[] = [];
  const ref = (spec: string | number | undefined): ColumnRef | undefined => {
    if (spec === undefined) return undefined;
    const found = resolveColumn(header, spec);
    if (!found || (header !== undefined && found.index >= header.length)) missing.push(String(spec));
    return found;
  };
  const descriptionSpecs = columns.description === undefined ? [] : Array.isArray(columns.description) ? columns.description : [columns.description];
  const date = ref(columns.date);
  const mapping: ColumnMapping = { date: date ?? { index: 0, name: String(columns.date) }, description: [] };
  for (const spec of descriptionSpecs) {
    const r = ref(spec);
    if (r) mapping.description.push(r);
  }
  for (const key of ['time', 'amount', 'debit', 'credit', 'direction', 'currency', 'balance', 'id', 'category'] as const) {
    const r = ref(columns[key]);
    if (r) mapping[key] = r;
  }
  if (missing.length === 0) return mapping;
  if (strict) throw new StatementParseError({ line, reason: `profile column(s) ${missing.map((m) => `'${m}'`).join(', ')} not found in the header` });
  return undefined;
}

function numbersOnly(columns: NonNullable<MappingProfile['columns']>): boolean {
  return Object.values(columns).every((v) => v === undefined || typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number')));
}

function headerlessLayout(tokenized: Array<{ delimiter: CsvDelimiter; records: CsvRecord[] }>, profile: MappingProfile): CsvLayout {
  const start = profile.dataStartRow ?? 1;
  // Without a header, the delimiter is the one that splits the data rows into the most consistent width.
  let best: { delimiter: CsvDelimiter; width: number; share: number } | undefined;
  for (const { delimiter, records } of tokenized) {
    const rows = records.filter((r) => r.line >= start && !isBlank(r));
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    for (const [width, count] of counts) {
      const share = rows.length ? count / rows.length : 0;
      if (width > 1 && (!best || share > best.share || (share === best.share && width > best.width))) best = { delimiter, width, share };
    }
  }
  const delimiter = best?.delimiter ?? profile.delimiter ?? ',';
  const mapping = mapFromProfile(undefined, profile, 0, true) as ColumnMapping;
  const layout: CsvLayout = {
    delimiter,
    headerLine: null,
    dataStartLine: start,
    mapping,
    fieldCount: highestColumnIndex(mapping) + 1,
    preamble: [],
  };
  if (profile.decimalSeparator) layout.decimal = profile.decimalSeparator;
  return layout;
}

/**
 * A debit/credit marker column the header does not name (German exports put S/H in a column with
 * an empty header): an unmapped column whose every filled cell in the sample is a marker signs the
 * amount. Without it an unsigned amount would load every debit as a credit.
 */
function addUnnamedMarkerColumn(records: CsvRecord[], layout: CsvLayout): void {
  const { mapping } = layout;
  if (!mapping.amount || mapping.direction) return;
  const used = new Set([mapping.date, mapping.time, mapping.amount, mapping.balance, mapping.currency, mapping.category, mapping.id, ...mapping.description].filter(Boolean).map((r) => (r as ColumnRef).index));
  const header = records.find((r) => r.line === layout.headerLine);
  const rows = records.filter((r) => r.line >= layout.dataStartLine && !isBlank(r) && r.error === undefined).slice(0, 200);
  // Amounts that carry their own sign need no marker: a column of dashes there is a placeholder.
  const amountIndex = mapping.amount.index;
  if (rows.some((r) => /[-(]/.test(r.fields[amountIndex] ?? ''))) return;
  for (let index = 0; index < Math.max(layout.fieldCount, ...rows.map((r) => r.fields.length)); index++) {
    if (used.has(index)) continue;
    const filled = rows.map((r) => (r.fields[index] ?? '').trim()).filter((c) => c !== '');
    if (filled.length === 0 || !filled.every(isDirectionMarker)) continue;
    // The summary lines of such exports use the same markers; one distinct value is enough (a month of debits only).
    const name = header?.fields[index]?.trim() || `#${index + 1}`;
    mapping.direction = { index, name };
    if (index >= layout.fieldCount) layout.fieldCount = index + 1;
    return;
  }
}

/** The decimal separator the sample's amount cells agree on (strong evidence first). */
function sampleDecimal(records: CsvRecord[], layout: CsvLayout): DecimalSeparator | undefined {
  const { mapping } = layout;
  const columns = [mapping.amount, mapping.debit, mapping.credit, mapping.balance].filter((c): c is ColumnRef => c !== undefined);
  const votes = { strong: { '.': 0, ',': 0 }, weak: { '.': 0, ',': 0 } };
  for (const record of records) {
    if (record.line < layout.dataStartLine || isBlank(record)) continue;
    for (const column of columns) {
      const cell = parseMoneyCell(record.fields[column.index] ?? '', undefined);
      if (cell.kind === 'money' && cell.evidence) votes[cell.evidence.strong ? 'strong' : 'weak'][cell.evidence.decimal] += 1;
    }
  }
  const pick = (v: { '.': number; ',': number }): DecimalSeparator | undefined => (v['.'] + v[','] === 0 ? undefined : v[','] > v['.'] ? ',' : '.');
  return pick(votes.strong) ?? pick(votes.weak);
}

function tokenize(sample: string, delimiter: CsvDelimiter, atEof: boolean): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter);
  const records = tokenizer.push(sample);
  return atEof ? [...records, ...tokenizer.end()] : records;
}

export function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}

/** A row fits the header's width; trailing empty cells (a trailing delimiter) are tolerated. */
export function fitsWidth(fields: string[], width: number): boolean {
  if (fields.length === width) return true;
  if (fields.length < width) return false;
  return fields.slice(width).every((f) => f.trim() === '');
}

export function noHeaderError(profile?: MappingProfile): StatementParseError {
  const reason = profile?.columns
    ? 'no header row with the columns named in the mapping profile was found'
    : 'no header row found: expected a row naming a date column and an amount (or debit and credit) column; for files without a header use a mapping profile with headerRow: 0 and numbered columns';
  return new StatementParseError({ line: 0, reason });
}
