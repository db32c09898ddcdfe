import { fromCents } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import { StatementParseError } from '../statement-parse-error.ts';
import type { ColumnRef } from './column-mapping.ts';
import type { CsvRecord } from './csv-tokenizer.ts';
import { fitsWidth, type CsvLayout } from './csv-layout.ts';
import { compileDateFormat, parseDateCell, type AmbiguousDate, type DateCellResult, type DateOrder } from './date-cell.ts';
import type { MappingProfile } from './mapping-profile.ts';
import { parseMoneyCell, type DecimalSeparator, type MoneyCellResult } from './money-cell.ts';
import { IN_MARKERS, OUT_MARKERS } from './direction-markers.ts';

export type ReadDate = { kind: 'date'; raw: string; impliesOrder?: DateOrder } | { kind: 'ambiguous'; raw: string; date: AmbiguousDate };

// Whitespace that needs collapsing: a run, or any whitespace other than a plain space.
const SPACE_RUN = /\s\s|[^\S ]/;


/**
 * Turns one CSV record into a statement row under a detected layout. Keeps the two facts that
 * are learnt from the data as it goes: the decimal separator and the first date format seen.
 */
export class CsvRowReader {
  private decimal: DecimalSeparator | undefined;
  private format: string | undefined;
  private readonly forcedDate: ((raw: string) => DateCellResult) | undefined;
  private readonly layout: CsvLayout;
  private readonly profile: MappingProfile | undefined;
  /** The last date cell and how it read: consecutive rows of a statement mostly share a date. */
  private lastDate: { raw: string; order: DateOrder | undefined; result: DateCellResult } | undefined;

  constructor(layout: CsvLayout, profile?: MappingProfile) {
    this.layout = layout;
    this.profile = profile;
    this.decimal = layout.decimal;
    this.forcedDate = profile?.dateFormat ? compileDateFormat(profile.dateFormat) : undefined;
    if (profile?.dateFormat) this.format = profile.dateFormat;
  }

  get decimalSeparator(): DecimalSeparator | undefined {
    return this.decimal;
  }

  get dateFormat(): string | undefined {
    return this.format;
  }

  /** The row (its `date` is '' while the date is ambiguous) and how its date was read. */
  read(record: CsvRecord, order: DateOrder | undefined, orderNote: string): { row: ParsedStatementRow; date: ReadDate } {
    const { mapping, fieldCount, headerLine } = this.layout;
    const line = record.line;
    if (record.error !== undefined) throw new StatementParseError({ line, reason: record.error });
    if (!fitsWidth(record.fields, fieldCount)) {
      const where = headerLine === null ? '' : ` (as in the header on line ${headerLine})`;
      throw new StatementParseError({ line, reason: `wrong column count: expected ${fieldCount} fields${where}, found ${record.fields.length}` });
    }
    const rawDate = cellText(record, mapping.date);
    const parsedDate = this.parseDate(rawDate, order);
    if (parsedDate.kind === 'invalid') {
      const note = order && !this.forcedDate && parsedDate.reason.endsWith('is not a valid date') ? orderNote : '';
      throw new StatementParseError({ line, column: mapping.date.name, reason: parsedDate.reason + note });
    }

    const row: ParsedStatementRow = { line, date: '', description: this.description(record, mapping.description), amount: '' };
    const { cents, cellCurrency } = this.amount(record, line);
    row.amount = fromCents(this.profile?.signConvention === 'positive-is-out' ? -cents : cents);

    let date: ReadDate;
    if (parsedDate.kind === 'date') {
      row.date = parsedDate.value.date;
      if (parsedDate.value.time !== undefined) row.time = parsedDate.value.time;
      if (parsedDate.value.utc_offset !== undefined) row.utc_offset = parsedDate.value.utc_offset;
      // 05/05/2026 reads the same either way and says nothing about the column's format.
      if (!parsedDate.sameBothWays) this.format ??= parsedDate.value.format;
      date = parsedDate.impliesOrder ? { kind: 'date', raw: rawDate, impliesOrder: parsedDate.impliesOrder } : { kind: 'date', raw: rawDate };
    } else {
      date = { kind: 'ambiguous', raw: rawDate, date: parsedDate };
    }
    if (mapping.time && cellText(record, mapping.time) !== '') this.applyTimeColumn(row, cellText(record, mapping.time), mapping.time.name);

    const currency = cellText(record, mapping.currency).toUpperCase() || cellCurrency || this.profile?.currency;
    if (currency !== undefined) {
      if (!/^[A-Z]{3}$/.test(currency)) throw new StatementParseError({ line, column: mapping.currency?.name, reason: `'${currency}' is not a currency code` });
      row.currency = currency;
    }
    if (mapping.balance && cellText(record, mapping.balance) !== '') row.balance = fromCents(this.money(cellText(record, mapping.balance), line, mapping.balance).cents);
    const id = cellText(record, mapping.id);
    if (id !== '') row.external_id = id;
    const category = cellText(record, mapping.category);
    if (category !== '') row.category = category;
    return { row, date };
  }

  /** parseDateCell is pure in (cell, order), and its results are only read: the last one is reused. */
  private parseDate(raw: string, order: DateOrder | undefined): DateCellResult {
    const last = this.lastDate;
    if (last !== undefined && last.raw === raw && last.order === order) return last.result;
    const result = this.forcedDate ? this.forcedDate(raw) : parseDateCell(raw, order);
    this.lastDate = { raw, order, result };
    return result;
  }

  private description(record: CsvRecord, refs: ColumnRef[]): string {
    let out = '';
    for (const ref of refs) {
      const raw = record.fields[ref.index] ?? '';
      const text = SPACE_RUN.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
      if (text !== '') out = out === '' ? text : `${out} - ${text}`;
    }
    return out;
  }

  /** Signed cents: one signed amount column (optionally signed by an indicator column), or debit/credit. */
  private amount(record: CsvRecord, line: number): { cents: bigint; cellCurrency: string | undefined } {
    const { mapping } = this.layout;
    if (mapping.amount) {
      const money = this.money(cellText(record, mapping.amount), line, mapping.amount);
      if (money.kind === 'empty') throw new StatementParseError({ line, column: mapping.amount.name, reason: 'amount is empty' });
      let cents = money.cents;
      if (mapping.direction) {
        const marker = cellText(record, mapping.direction).trim().toLowerCase();
        const abs = cents < 0n ? -cents : cents;
        if (OUT_MARKERS.has(marker)) cents = -abs;
        else if (IN_MARKERS.has(marker)) cents = abs;
        else throw new StatementParseError({ line, column: mapping.direction.name, reason: `'${cellText(record, mapping.direction)}' is not a debit/credit indicator` });
      }
      return { cents, cellCurrency: money.currency };
    }
    const debitRef = mapping.debit as ColumnRef;
    const creditRef = mapping.credit as ColumnRef;
    const debit = this.money(cellText(record, debitRef), line, debitRef);
    const credit = this.money(cellText(record, creditRef), line, creditRef);
    if (debit.kind === 'money' && credit.kind === 'money' && debit.cents !== 0n && credit.cents !== 0n) {
      throw new StatementParseError({ line, column: `${debitRef.name}/${creditRef.name}`, reason: 'both debit and credit hold an amount' });
    }
    if (debit.kind === 'empty' && credit.kind === 'empty') throw new StatementParseError({ line, column: `${debitRef.name}/${creditRef.name}`, reason: 'no amount in either debit or credit' });
    const cents = debit.kind === 'money' && debit.cents !== 0n ? -abs(debit.cents) : credit.kind === 'empty' ? 0n : abs(credit.cents);
    return { cents, cellCurrency: debit.currency ?? credit.currency };
  }

  /** The cell's amount (the parse result itself: no copy per cell), or EMPTY_MONEY. */
  private money(raw: string, line: number, ref: ColumnRef): ReadMoney {
    const result = parseMoneyCell(raw, this.decimal);
    if (result.kind === 'empty') return EMPTY_MONEY;
    if (result.kind === 'invalid') throw new StatementParseError({ line, column: ref.name, reason: result.reason });
    // The first amount with a separator settles the decimal separator for the rest of the file.
    if (this.decimal === undefined && result.evidence) this.decimal = result.evidence.decimal;
    return result;
  }

  private applyTimeColumn(row: ParsedStatementRow, raw: string, column: string): void {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
      throw new StatementParseError({ line: row.line, column, reason: `'${raw}' is not a valid time` });
    }
    row.time = `${(m[1] as string).padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
  }
}

type ReadMoney = Extract<MoneyCellResult, { kind: 'money' }> | typeof EMPTY_MONEY;
const EMPTY_MONEY = { kind: 'empty', cents: 0n, currency: undefined } as const;

function cellText(record: CsvRecord, ref: ColumnRef | undefined): string {
  return ref ? (record.fields[ref.index] ?? '').trim() : '';
}

function abs(cents: bigint): bigint {
  return cents < 0n ? -cents : cents;
}
