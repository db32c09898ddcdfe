import { decimalAmount, StatementParseError, type ParsedStatementFile, type StatedBalance, type StatementEntry, type StatementFormatReader } from '@ledgerline/ingestion';
import { fromCents, toCents } from '@ledgerline/transactions';
import { isoDate, truncatedAt, unterminatedLastLine } from '../text-lines.ts';
import { mt940Fields, mt940Information, type Mt940Field } from './mt940-fields.ts';

// :61: value date YYMMDD, entry date MMDD?, mark (C, D, RC, RD), funds code?, amount, type (N/F/S + 3),
// customer reference (up to 16, NONREF when none), //bank reference?, then supplementary details.
const LINE_61 = /^(\d{2})(\d{2})(\d{2})(\d{4})?(R?[CD])([A-Z])?(\d[\d,]*)([NFS][A-Z0-9]{3})([^\n/]*(?:\/(?!\/)[^\n/]*)*)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;
const BALANCE = /^([CD])(\d{2})(\d{2})(\d{2})([A-Z]{3})(\d[\d,]*)$/;

interface Block {
  line: number;
  account?: string;
  opening?: StatedBalance;
  closing?: StatedBalance;
  currency?: string;
  entries: StatementEntry[];
}

/**
 * SWIFT MT940 (and the MT942-free variants banks export as .sta/.mt940/.txt): `:25:` account,
 * `:60F:`/`:60M:` opening and `:62F:`/`:62M:` closing balance, `:61:` statement lines each with
 * its `:86:` information. A file may hold several statements (pages, days) of one account: each
 * must add up and open where the one before closed. RC/RD (reversal of credit/debit) book as
 * debit/credit. The bank reference (after `//`) is the entry's id; a statement without its
 * closing balance is taken for a cut-off file.
 */
export class Mt940StatementReader implements StatementFormatReader {
  readonly format = 'mt940' as const;

  read(content: string): ParsedStatementFile {
    const cut = unterminatedLastLine(content, (last) => /^-\}?$|\}$/.test(last));
    if (cut !== undefined) throw truncatedAt(cut, 'its last line has no line end while every other line has one');
    const fields = mt940Fields(content);
    const blocks = splitBlocks(fields);
    if (blocks.length === 0) throw new StatementParseError({ line: 0, reason: 'the MT940 file holds no statement (no :20: field)' });
    const last = blocks[blocks.length - 1] as { block: Block; fields: Mt940Field[] };
    if (!last.fields.some((f) => f.tag.startsWith('62'))) {
      const lastLine = last.fields[last.fields.length - 1]?.line ?? last.block.line;
      throw truncatedAt(lastLine, 'the statement has no closing balance :62F:/:62M: after its last line');
    }
    const result: ParsedStatementFile = { format: 'mt940', entries: [] };
    let previous: Block | undefined;
    for (const { block, fields: blockFields } of blocks) {
      readBlock(block, blockFields);
      if (result.account !== undefined && block.account !== result.account) {
        throw new StatementParseError({ line: block.line, reason: `the file holds statements of several accounts (${result.account}, ${block.account ?? 'unnamed'}); split it into one file per account` });
      }
      if (block.account) result.account = block.account;
      checkBlock(block, previous);
      result.currency ??= block.currency;
      if (!result.opening_balance && block.opening) result.opening_balance = block.opening;
      if (block.closing) result.closing_balance = block.closing;
      result.entries.push(...block.entries);
      previous = block;
    }
    if (result.currency === undefined) delete result.currency;
    const dates = result.entries.map((e) => e.date).sort();
    if (dates.length > 0) result.period = { from: result.opening_balance?.date ?? (dates[0] as string), to: result.closing_balance?.date ?? (dates[dates.length - 1] as string) };
    return result;
  }
}

function splitBlocks(fields: Mt940Field[]): { block: Block; fields: Mt940Field[] }[] {
  const blocks: { block: Block; fields: Mt940Field[] }[] = [];
  for (const field of fields) {
    if (field.tag === '20') blocks.push({ block: { line: field.line, entries: [] }, fields: [] });
    blocks[blocks.length - 1]?.fields.push(field);
  }
  return blocks;
}

function readBlock(block: Block, fields: Mt940Field[]): void {
  let current: StatementEntry | undefined;
  for (const field of fields) {
    switch (field.tag) {
      case '25':
        block.account = field.value.trim();
        break;
      case '60F':
      case '60M':
        block.opening = balance(field);
        block.currency = currencyOf(field);
        break;
      case '62F':
      case '62M':
        block.closing = balance(field);
        break;
      case '61':
        current = statementLine(field);
        block.entries.push(current);
        break;
      case '86':
        if (current) describe(current, field.value);
        break;
      default:
        break;
    }
  }
}

function statementLine(field: Mt940Field): StatementEntry {
  const m = LINE_61.exec(field.value.trim());
  if (!m) throw new StatementParseError({ line: field.line, column: ':61:', reason: `'${field.value.split('\n')[0]}' is not an MT940 statement line (date, C/D mark, amount, type, reference)` });
  const [, yy, mm, dd, entryMmdd, mark, , rawAmount, , customerRef, bankRef, supplementary] = m as unknown as (string | undefined)[];
  const year = 2000 + Number(yy);
  const valueDate = isoDate(year, Number(mm), Number(dd));
  if (!valueDate) throw new StatementParseError({ line: field.line, column: ':61:', reason: `value date '${yy}${mm}${dd}' is not a date` });
  let date = valueDate;
  if (entryMmdd) {
    const em = Number(entryMmdd.slice(0, 2));
    // The entry (booking) date has no year: it is the value date's, unless the two straddle a new year.
    const entryYear = em === 12 && Number(mm) === 1 ? year - 1 : em === 1 && Number(mm) === 12 ? year + 1 : year;
    const booked = isoDate(entryYear, em, Number(entryMmdd.slice(2)));
    if (!booked) throw new StatementParseError({ line: field.line, column: ':61:', reason: `entry date '${entryMmdd}' is not a date` });
    date = booked;
  }
  const amount = decimalAmount(rawAmount as string, ',');
  if (amount === undefined) throw new StatementParseError({ line: field.line, column: ':61:', reason: `'${rawAmount}' is not an MT940 amount` });
  const entry: StatementEntry = { line: field.line, date, amount, direction: mark === 'D' || mark === 'RC' ? 'DEBIT' : 'CREDIT' };
  if (valueDate !== date) entry.value_date = valueDate;
  if (mark === 'RC' || mark === 'RD') entry.reversal = true;
  const reference = customerRef?.trim();
  if (reference && reference !== 'NONREF') entry.reference = reference;
  const bank = bankRef?.trim();
  if (bank && bank !== 'NONREF') entry.external_id = bank;
  if (supplementary?.trim()) entry.memo = supplementary.trim();
  return entry;
}

function describe(entry: StatementEntry, information: string): void {
  const info = mt940Information(information, entry.direction);
  if (info.payee) entry.payee = info.payee;
  // `EREF` as the :61: customer reference means "the end-to-end reference is in :86:" (ING).
  if (info.reference && (entry.reference === undefined || entry.reference === 'EREF')) entry.reference = info.reference;
  else if (entry.reference === 'EREF') delete entry.reference;
  const memo = [info.bookingText, info.memo].filter(Boolean).join(': ');
  if (memo) entry.memo = entry.memo ? `${memo} (${entry.memo})` : memo;
}

function balance(field: Mt940Field): StatedBalance {
  const m = BALANCE.exec(field.value.trim());
  const amount = m ? decimalAmount(m[6] as string, ',') : undefined;
  const date = m ? isoDate(2000 + Number(m[2]), Number(m[3]), Number(m[4])) : undefined;
  if (!m || amount === undefined || !date) throw new StatementParseError({ line: field.line, column: `:${field.tag}:`, reason: `'${field.value.trim()}' is not an MT940 balance (C/D, YYMMDD, currency, amount)` });
  return { amount: m[1] === 'D' ? fromCents(-toCents(amount)) : amount, date, line: field.line };
}

function currencyOf(field: Mt940Field): string | undefined {
  return BALANCE.exec(field.value.trim())?.[5];
}

function checkBlock(block: Block, previous: Block | undefined): void {
  const { opening, closing } = block;
  if (!opening) throw new StatementParseError({ line: block.line, reason: 'the statement has no opening balance :60F:/:60M:' });
  if (!closing) throw truncatedAt(block.line, 'the statement has no closing balance :62F:/:62M:');
  if (previous?.closing && toCents(previous.closing.amount) !== toCents(opening.amount)) {
    throw new StatementParseError({ line: opening.line, reason: `this statement opens at ${opening.amount} but the one before closed at ${previous.closing.amount}: a statement is missing in between` });
  }
  let sum = 0n;
  for (const e of block.entries) sum += e.direction === 'DEBIT' ? -toCents(e.amount) : toCents(e.amount);
  if (toCents(opening.amount) + sum === toCents(closing.amount)) return;
  throw new StatementParseError({
    line: closing.line,
    reason: `balances do not add up: opening balance ${opening.amount} + ${block.entries.length} entries (${fromCents(sum)}) = ${fromCents(toCents(opening.amount) + sum)}, but the closing balance is ${closing.amount}`,
  });
}
