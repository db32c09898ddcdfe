import { decimalAmount, StatementParseError, type ParsedStatementFile, type StatementEntry, type StatementFormatReader, type StatementReadHints } from '@ledgerline/ingestion';
import { numberedLines, truncatedAt } from '../text-lines.ts';
import { resolveQifDates, type DayMonthOrder } from './qif-dates.ts';

interface QifRecord {
  line: number;
  fields: Map<string, { value: string; line: number }>;
  account?: string;
}

const TRANSACTION_TYPES = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);

/**
 * Quicken Interchange Format, bank-like accounts (`!Type:Bank`, `Cash`, `CCard`, `Oth A`,
 * `Oth L`). Records end with `^`; fields by their first letter: D date, T/U amount, P payee,
 * M memo, N check number or reference, L category (`[Account]` = a transfer). Split lines
 * (S/E/$) belong to the record's total and are not rows of their own. Quicken's "Opening
 * Balance" record (a transfer into the account itself) is the opening balance, not a deposit.
 * Lists (`!Type:Cat`, `!Type:Class`, `!Account` headers, memorised payees) carry no transactions.
 * A last record without its `^` is taken for a cut-off file.
 */
export class QifStatementReader implements StatementFormatReader {
  readonly format = 'qif' as const;

  read(content: string, hints: StatementReadHints = {}): ParsedStatementFile {
    const records = readRecords(content);
    const accounts = new Set(records.map((r) => r.account ?? ''));
    if (accounts.size > 1) throw new StatementParseError({ line: 0, reason: `the QIF file holds transactions of ${accounts.size} accounts (${[...accounts].join(', ')}); export one account per file` });
    const dates = resolveQifDates(
      records.map((r) => ({ line: r.fields.get('D')?.line ?? r.line, raw: required(r, 'D', 'the record has no date (D)') })),
      orderHint(hints.dateFormat),
    );
    const decimal = decimalSeparator(records);
    const result: ParsedStatementFile = { format: 'qif', entries: [] };
    const account = records[0]?.account;
    if (account) result.account = account;
    records.forEach((record, i) => {
      const amountField = record.fields.get('T') ?? record.fields.get('U');
      const raw = amountField?.value ?? '';
      const signed = decimalAmount(raw, decimal);
      if (signed === undefined) throw new StatementParseError({ line: amountField?.line ?? record.line, column: 'T', reason: `'${raw}' is not an amount` });
      const date = dates[i] as string;
      const payee = record.fields.get('P')?.value.trim();
      const category = record.fields.get('L')?.value.trim();
      if (i === 0 && payee?.toLowerCase() === 'opening balance' && /^\[.*\]$/.test(category ?? '')) {
        result.opening_balance = { amount: signed, date, line: record.line };
        return;
      }
      const entry: StatementEntry = { line: record.line, date, amount: signed.replace(/^-/, ''), direction: signed.startsWith('-') ? 'DEBIT' : 'CREDIT' };
      if (payee) entry.payee = payee;
      const memo = record.fields.get('M')?.value.trim();
      if (memo) entry.memo = memo;
      const reference = record.fields.get('N')?.value.trim();
      if (reference) entry.reference = reference;
      const named = categoryOf(category);
      if (named) entry.category = named.slice(0, 60);
      result.entries.push(entry);
    });
    return result;
  }
}

function readRecords(content: string): QifRecord[] {
  const records: QifRecord[] = [];
  let section = '';
  let account: string | undefined;
  let pendingAccount: string | undefined;
  let current: QifRecord | undefined;
  for (const { line, text } of numberedLines(content)) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('!')) {
      const header = trimmed.toLowerCase();
      if (header.startsWith('!option') || header.startsWith('!clear')) continue;
      section = header === '!account' ? 'account' : header.replace(/^!type:\s*/, '');
      if (section === 'invst') throw new StatementParseError({ line, reason: 'QIF investment accounts (!Type:Invst) are not bank statements' });
      if (TRANSACTION_TYPES.has(section)) account = pendingAccount;
      current = undefined;
      continue;
    }
    if (trimmed === '^') {
      if (current && section === 'account') pendingAccount = current.fields.get('N')?.value.trim();
      else if (current && TRANSACTION_TYPES.has(section)) records.push(current);
      current = undefined;
      continue;
    }
    current ??= { line, fields: new Map(), ...(account ? { account } : {}) };
    const code = trimmed[0] as string;
    // Split lines repeat per split; the record's own fields come once.
    if (!'SE$%'.includes(code) && !current.fields.has(code)) current.fields.set(code, { value: trimmed.slice(1), line });
  }
  if (current && (TRANSACTION_TYPES.has(section) || section === 'account')) {
    const lines = numberedLines(content.trimEnd());
    throw truncatedAt(lines.length, "the last record has no closing '^'");
  }
  if (records.length === 0 && !TRANSACTION_TYPES.has(section) && section !== 'account') {
    throw new StatementParseError({ line: 0, reason: 'the QIF file holds no bank, cash or credit-card transactions' });
  }
  return records;
}

/**
 * The category of an L field: `Category:Subcategory`, optionally followed by `/Class` (Quicken's
 * class, not part of the category); none for a transfer (`[Account]`, with or without a class)
 * or for `--Split--`, Quicken's marker that the record's S lines hold its categories. Before, the
 * class and the marker were stored as if they were category names.
 */
function categoryOf(field: string | undefined): string | undefined {
  const category = field?.split('/')[0]?.trim();
  if (!category || /^\[.*\]$/.test(category) || category === '--Split--') return undefined;
  return category;
}

function required(record: QifRecord, code: string, reason: string): string {
  const field = record.fields.get(code);
  if (!field || field.value.trim() === '') throw new StatementParseError({ line: record.line, column: code, reason });
  return field.value;
}

/**
 * QIF amounts follow the exporting program's locale: `-1,234.56` or `-1.234,56`. One separator
 * per file: a comma followed by one or two final digits anywhere means comma decimals.
 */
function decimalSeparator(records: QifRecord[]): '.' | ',' {
  const amounts = records.map((r) => (r.fields.get('T') ?? r.fields.get('U'))?.value.trim() ?? '');
  const comma = amounts.find((a) => /,\d{1,2}$/.test(a));
  const point = amounts.find((a) => /\.\d{1,2}$/.test(a));
  if (comma !== undefined && point !== undefined) throw new StatementParseError({ line: 0, column: 'T', reason: `amounts disagree on the decimal separator ('${point}' and '${comma}')` });
  return comma !== undefined ? ',' : '.';
}

function orderHint(dateFormat: string | undefined): DayMonthOrder | undefined {
  if (!dateFormat) return undefined;
  return dateFormat.indexOf('D') < dateFormat.indexOf('M') ? 'DMY' : 'MDY';
}
