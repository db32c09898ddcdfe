import { fromCents } from '@ledgerline/transactions';
import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import { StatementParseError } from '../statement-parse-error.ts';
import { verifyStatementBalances } from '../verify-statement-balances.ts';
import { parseMoneyCell } from '../csv/money-cell.ts';
import { STATEMENT_TEXT } from './statement-layout.ts';

/** What our PDF statement says, read back from its text. */
export interface ParsedStatementPdf {
  bank: string;
  customer_name: string;
  account_id: string;
  currency: string;
  period: { month: string };
  opening_balance: string;
  closing_balance: string;
  total_in: string | null;
  total_out: string | null;
  /** Pages the statement says it has ("Page 1 of N"). */
  pages: number;
  rows: ParsedStatementRow[];
}

interface TextLine {
  no: number;
  text: string;
}

const MONEY = String.raw`-?\d{1,3}(?:,\d{3})*\.\d{2}`;
const ROW = new RegExp(String.raw`^(\d{4}-\d{2}-\d{2})\s+(?:(.*?)\s+)?(${MONEY})\s+(${MONEY})$`);
const REFERENCE = new RegExp(String.raw`^${STATEMENT_TEXT.reference}\s*(.+?)\s+\|\s+${STATEMENT_TEXT.category}\s*(.*)$`);
const TABLE_HEADER = new RegExp(`^${STATEMENT_TEXT.tableHeader.join(String.raw`\s+`)}$`);
const FOOTER = /^Page (\d+) of (\d+)$/;
const PAGE_JOINER = /^-- \d+ of \d+ --$/;
const END = /^End of statement - (\d+) transactions?$/;

/**
 * Parses the text of one of our PDF statements (one string per page, lines in visual order, as
 * pdf-parse returns it) into header fields and rows, then checks it is complete (page numbers, the
 * end line's transaction count) and adds up (running balances, opening + rows = closing).
 */
export function parseStatementText(pages: string[], file?: string): ParsedStatementPdf {
  const fail = (line: number, reason: string): never => {
    throw new StatementParseError({ ...(file !== undefined ? { file } : {}), line, reason });
  };
  const lines = toLines(pages);
  if (!lines.some((l) => TABLE_HEADER.test(l.text))) fail(0, 'no statement table found (this PDF is not one of our statements)');

  const field = (label: string): TextLine & { value: string } => {
    const prefix = new RegExp(`^${escape(label)}\\s*(.+)$`);
    for (const l of lines) {
      const m = prefix.exec(l.text);
      if (m) return { ...l, value: (m[1] as string).trim() };
    }
    return fail(0, `statement header incomplete: no '${label}' line`);
  };
  const money = (label: string): { value: string; line: number } => {
    const l = field(label);
    const cell = parseMoneyCell(l.value, '.');
    if (cell.kind !== 'money') return fail(l.no, `'${label}' is not an amount: '${l.value}'`);
    return { value: fromCents(cell.cents), line: l.no };
  };
  const optionalMoney = (label: string): string | null => (lines.some((l) => l.text.startsWith(label)) ? money(label).value : null);

  const period = /^(\d{4}-\d{2})\b/.exec(field(STATEMENT_TEXT.period).value);
  if (!period) fail(field(STATEMENT_TEXT.period).no, 'statement period is not a YYYY-MM month');
  const currency = field(STATEMENT_TEXT.currency).value;
  const opening = money(STATEMENT_TEXT.opening);
  const closing = money(STATEMENT_TEXT.closing);

  const { rows, stated, footers } = readTable(lines, currency, fail);
  const declaredPages = Math.max(0, ...footers.map((f) => f.of));
  if (declaredPages === 0) fail(0, "statement incomplete: no 'Page N of M' footer found");
  const seen = new Set(footers.map((f) => f.page));
  for (let p = 1; p <= declaredPages; p++) if (!seen.has(p)) fail(0, `statement incomplete: page ${p} of ${declaredPages} is missing`);
  if (!stated) fail(0, "statement incomplete: no 'End of statement' line (truncated?)");
  const end = stated as { count: number; line: number };
  if (end.count !== rows.length) fail(end.line, `statement lists ${end.count} transactions but ${rows.length} rows were read`);

  verifyStatementBalances(opening.value, rows, closing.value, { ...(file !== undefined ? { file } : {}), closingLine: closing.line });
  const totalIn = optionalMoney(STATEMENT_TEXT.totalIn);
  const totalOut = optionalMoney(STATEMENT_TEXT.totalOut);
  checkTotals(rows, totalIn, totalOut, fail);

  return {
    bank: (lines[0] as TextLine).text,
    customer_name: field(STATEMENT_TEXT.customer).value,
    account_id: field(STATEMENT_TEXT.account).value,
    currency,
    period: { month: (period as RegExpExecArray)[1] as string },
    opening_balance: opening.value,
    closing_balance: closing.value,
    total_in: totalIn,
    total_out: totalOut,
    pages: declaredPages,
    rows,
  };
}

type Fail = (line: number, reason: string) => never;

/** Rows are blocks: a row line, description continuation lines, and a closing `Ref:` line. */
function readTable(lines: TextLine[], currency: string, fail: Fail) {
  const rows: ParsedStatementRow[] = [];
  const footers: Array<{ page: number; of: number }> = [];
  let stated: { count: number; line: number } | undefined;
  let inTable = false;
  let block: TextLine[] = [];
  const closeBlock = (): void => {
    if (block.length === 0) return;
    rows.push(blockToRow(block, currency, fail));
    block = [];
  };
  for (const l of lines) {
    const footer = FOOTER.exec(l.text);
    if (footer) {
      closeBlock();
      footers.push({ page: Number(footer[1]), of: Number(footer[2]) });
      inTable = false;
      continue;
    }
    if (TABLE_HEADER.test(l.text)) {
      closeBlock();
      inTable = true;
      continue;
    }
    const end = END.exec(l.text);
    if (end) {
      closeBlock();
      stated = { count: Number(end[1]), line: l.no };
      inTable = false;
      continue;
    }
    if (!inTable) continue;
    if (ROW.test(l.text)) closeBlock();
    else if (block.length === 0) fail(l.no, `unexpected text in the transaction table: '${l.text}'`);
    block.push(l);
  }
  closeBlock();
  return { rows, stated, footers };
}

function blockToRow(block: TextLine[], currency: string, fail: Fail): ParsedStatementRow {
  const first = block[0] as TextLine;
  const last = block[block.length - 1] as TextLine;
  const m = ROW.exec(first.text) as RegExpExecArray;
  const reference = block.length > 1 ? REFERENCE.exec(last.text) : null;
  if (!reference) return fail(first.no, "transaction row without its 'Ref:' line");
  const description = [m[2] ?? '', ...block.slice(1, -1).map((l) => l.text)].filter((t) => t !== '').join(' ');
  const amount = parseMoneyCell(m[3] as string, '.');
  const balance = parseMoneyCell(m[4] as string, '.');
  if (amount.kind !== 'money' || balance.kind !== 'money') return fail(first.no, 'unreadable amount or balance');
  const row: ParsedStatementRow = {
    line: first.no,
    date: m[1] as string,
    description,
    amount: fromCents(amount.cents),
    currency,
    balance: fromCents(balance.cents),
    external_id: (reference[1] as string).trim(),
  };
  const category = (reference[2] as string).trim();
  if (category !== '') row.category = category;
  return row;
}

function checkTotals(rows: ParsedStatementRow[], totalIn: string | null, totalOut: string | null, fail: Fail): void {
  let sumIn = 0n;
  let sumOut = 0n;
  for (const r of rows) {
    const cents = parseMoneyCell(r.amount, '.');
    if (cents.kind !== 'money') continue;
    if (cents.cents > 0n) sumIn += cents.cents;
    else sumOut -= cents.cents;
  }
  if (totalIn !== null && fromCents(sumIn) !== totalIn) fail(0, `total money in is ${totalIn} but the rows add up to ${fromCents(sumIn)}`);
  if (totalOut !== null && fromCents(sumOut) !== totalOut) fail(0, `total money out is ${totalOut} but the rows add up to ${fromCents(sumOut)}`);
}

/** Lines numbered across pages; tabs (cell gaps) and repeated spaces become one space. */
function toLines(pages: string[]): TextLine[] {
  const out: TextLine[] = [];
  let no = 0;
  for (const page of pages) {
    for (const raw of page.split(/\r?\n/)) {
      no += 1;
      const text = raw.replace(/\s+/g, ' ').trim();
      if (text !== '' && !PAGE_JOINER.test(text)) out.push({ no, text });
    }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
