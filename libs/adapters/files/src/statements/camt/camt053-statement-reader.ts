import { fromCents, toCents } from '@ledgerline/transactions';
import { StatementParseError, type ParsedStatementFile, type StatedBalance, type StatementEntry, type StatementFormatReader } from '@ledgerline/ingestion';
import { LineIndex, startTagOffsets } from '../text-lines.ts';
import { child, children, parseXmlStatement, text, texts, type XmlNode } from '../xml-document.ts';
import { camtAmount, camtDate, entryParties } from './camt-fields.ts';

const ARRAYS = ['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Othr'] as const;

/** Document-order line numbers of the elements whose position a report names. */
interface Positions {
  stmt: number[];
  bal: number[];
  ntry: number[];
  txDtls: number[];
}

/**
 * ISO 20022 camt.053 (bank-to-customer statement), any version (.001.02 to .001.13): namespace
 * prefixes are dropped. Only booked entries (Sts BOOK) are statement rows; pending and
 * information entries are left out, as they are from the booked balances. Each Stmt's OPBD/PRCD
 * + entries must equal its CLBD (checked here, as a file may hold several statements of one
 * account, each adding up on its own, and each opening where the last closed).
 * A batched entry (several TxDtls) becomes one row per transaction when every TxDtls states its
 * amount and they add up to the entry's; otherwise it stays one row. Booking date is the row
 * date, value date kept apart; a reversal (RvslInd) keeps the direction it is booked with.
 */
export class Camt053StatementReader implements StatementFormatReader {
  readonly format = 'camt053' as const;

  read(content: string): ParsedStatementFile {
    const document = parseXmlStatement(content, 'Document', ARRAYS);
    const lines = new LineIndex(content);
    const at = (name: string) => startTagOffsets(content, name).map((o) => lines.lineAt(o));
    const positions: Positions = { stmt: at('Stmt'), bal: at('Bal'), ntry: at('Ntry'), txDtls: at('TxDtls') };
    const counters = { bal: 0, ntry: 0, txDtls: 0 };
    const statements = children(child(document, 'Document', 'BkToCstmrStmt'), 'Stmt');
    if (statements.length === 0) throw new StatementParseError({ line: 0, reason: 'the camt.053 file holds no statement (BkToCstmrStmt/Stmt)' });
    const result: ParsedStatementFile = { format: 'camt053', entries: [] };
    let previousClosing: StatedBalance | undefined;
    statements.forEach((stmt, index) => {
      const line = positions.stmt[index] ?? 0;
      const account = text(stmt, 'Acct', 'Id', 'IBAN') ?? text(stmt, 'Acct', 'Id', 'Othr', 'Id');
      if (result.account !== undefined && account !== result.account) {
        throw new StatementParseError({ line, reason: `the file holds statements of several accounts (${result.account}, ${account ?? 'unnamed'}); split it into one file per account` });
      }
      if (account) result.account = account;
      const currency = text(stmt, 'Acct', 'Ccy');
      if (currency) result.currency ??= currency;
      const balances = children(stmt, 'Bal').map((bal) => ({ bal, line: positions.bal[counters.bal++] ?? line }));
      const opening = pickBalance(balances, ['OPBD', 'PRCD']);
      const closing = pickBalance(balances, ['CLBD']);
      const entries: StatementEntry[] = [];
      for (const ntry of children(stmt, 'Ntry')) {
        const entryLine = positions.ntry[counters.ntry++] ?? line;
        const details = children(ntry, 'NtryDtls').flatMap((d) => children(d, 'TxDtls'));
        const detailLines = details.map(() => positions.txDtls[counters.txDtls++] ?? entryLine);
        const status = text(ntry, 'Sts', 'Cd') ?? text(ntry, 'Sts');
        if (status !== undefined && status !== 'BOOK') continue;
        entries.push(...readEntry(ntry, details, detailLines, entryLine, result.currency));
      }
      checkStatement(opening, closing, entries, previousClosing, index);
      if (index === 0 && opening) result.opening_balance = opening;
      if (closing) result.closing_balance = closing;
      previousClosing = closing;
      const from = index === 0 ? camtDate(child(stmt, 'FrToDt'), 'FrDtTm', line) : result.period?.from;
      const to = camtDate(child(stmt, 'FrToDt'), 'ToDtTm', line);
      if (from || to) result.period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      result.entries.push(...entries);
    });
    return result;
  }
}

function pickBalance(balances: { bal: XmlNode; line: number }[], codes: string[]): StatedBalance | undefined {
  for (const code of codes) {
    const found = balances.find(({ bal }) => text(bal, 'Tp', 'CdOrPrtry', 'Cd') === code);
    if (!found) continue;
    const { value } = camtAmount(found.bal, found.line);
    const signed = text(found.bal, 'CdtDbtInd') === 'DBIT' ? fromCents(-toCents(value)) : value;
    const date = camtDate(child(found.bal, 'Dt'), 'Dt', found.line) ?? camtDate(child(found.bal, 'Dt'), 'DtTm', found.line);
    return { amount: signed, line: found.line, ...(date ? { date } : {}) };
  }
  return undefined;
}

function readEntry(ntry: XmlNode, details: XmlNode[], detailLines: number[], line: number, statementCurrency: string | undefined): StatementEntry[] {
  const { value, currency } = camtAmount(ntry, line);
  const direction = directionOf(text(ntry, 'CdtDbtInd'), line);
  const reversal = text(ntry, 'RvslInd') === 'true';
  const date = camtDate(child(ntry, 'BookgDt'), 'Dt', line) ?? camtDate(child(ntry, 'BookgDt'), 'DtTm', line);
  const valueDate = camtDate(child(ntry, 'ValDt'), 'Dt', line) ?? camtDate(child(ntry, 'ValDt'), 'DtTm', line);
  if (!date) throw new StatementParseError({ line, column: 'BookgDt', reason: 'the entry has no booking date (BookgDt)' });
  const bankRef = text(ntry, 'AcctSvcrRef');
  const base: StatementEntry = { line, date, amount: value, direction };
  if (valueDate && valueDate !== date) base.value_date = valueDate;
  if (currency && currency !== statementCurrency) base.currency = currency;
  if (reversal) base.reversal = true;
  const entryInfo = text(ntry, 'AddtlNtryInf');
  const split = splitBatch(details, value, direction, currency, detailLines);
  if (split) {
    return split.map(({ tx, amount, direction: txDirection, line: txLine }, k) => {
      const entry: StatementEntry = { ...base, line: txLine, amount, direction: txDirection };
      describe(entry, tx, entryInfo, reversal);
      const id = text(tx, 'Refs', 'AcctSvcrRef') ?? (bankRef ? `${bankRef}/${k + 1}` : undefined);
      if (id) entry.external_id = id;
      return entry;
    });
  }
  const entry: StatementEntry = { ...base };
  describe(entry, details.length === 1 ? details[0] : undefined, entryInfo, reversal);
  if (details.length > 1) entry.memo = [entry.memo, `batch of ${details.length} transactions`].filter(Boolean).join('; ');
  const batchCount = text(ntry, 'NtryDtls', 'Btch', 'NbOfTxs');
  if (details.length <= 1 && batchCount !== undefined && batchCount !== '1') entry.memo = [entry.memo, `batch of ${batchCount} transactions`].filter(Boolean).join('; ');
  if (bankRef) entry.external_id = bankRef;
  return [entry];
}

/** A batch's transactions as rows, when each states an amount and together they make the entry's amount. */
function splitBatch(details: XmlNode[], total: string, direction: 'DEBIT' | 'CREDIT', currency: string | undefined, lines: number[]) {
  if (details.length < 2) return undefined;
  const rows = [];
  let sum = 0n;
  for (const [i, tx] of details.entries()) {
    const line = lines[i] ?? 0;
    const amountNode = child(tx, 'AmtDtls', 'TxAmt') ?? (child(tx, 'Amt') ? tx : undefined);
    if (!amountNode) return undefined;
    const { value, currency: txCurrency } = camtAmount(amountNode, line);
    if (currency && txCurrency && txCurrency !== currency) return undefined;
    const txDirection = text(tx, 'CdtDbtInd') ? directionOf(text(tx, 'CdtDbtInd'), line) : direction;
    sum += txDirection === direction ? toCents(value) : -toCents(value);
    rows.push({ tx, amount: value, direction: txDirection, line });
  }
  return sum === toCents(total) ? rows : undefined;
}

function describe(entry: StatementEntry, tx: XmlNode | undefined, entryInfo: string | undefined, reversal: boolean): void {
  const payee = tx ? entryParties(tx, entry.direction, reversal) : undefined;
  if (payee) entry.payee = payee;
  const remittance = texts(child(tx, 'RmtInf'), 'Ustrd').join(' ');
  const info = remittance || text(tx, 'AddtlTxInf') || entryInfo;
  if (info) entry.memo = info;
  const endToEnd = text(tx, 'Refs', 'EndToEndId');
  const reference = endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : text(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref');
  if (reference) entry.reference = reference;
}

function directionOf(indicator: string | undefined, line: number): 'DEBIT' | 'CREDIT' {
  if (indicator === 'DBIT') return 'DEBIT';
  if (indicator === 'CRDT') return 'CREDIT';
  throw new StatementParseError({ line, column: 'CdtDbtInd', reason: `credit/debit indicator '${indicator ?? ''}' is neither CRDT nor DBIT` });
}

function checkStatement(opening: StatedBalance | undefined, closing: StatedBalance | undefined, entries: StatementEntry[], previous: StatedBalance | undefined, index: number): void {
  if (previous && opening && toCents(previous.amount) !== toCents(opening.amount)) {
    throw new StatementParseError({ line: opening.line, reason: `statement ${index + 1} opens at ${opening.amount} but statement ${index} closed at ${previous.amount}: a statement is missing in between` });
  }
  if (!opening || !closing) return;
  let sum = 0n;
  for (const e of entries) sum += e.direction === 'DEBIT' ? -toCents(e.amount) : toCents(e.amount);
  if (toCents(opening.amount) + sum === toCents(closing.amount)) return;
  throw new StatementParseError({
    line: closing.line,
    reason: `balances do not add up: opening balance ${opening.amount} + ${entries.length} booked entries (${fromCents(sum)}) = ${fromCents(toCents(opening.amount) + sum)}, but the closing balance is ${closing.amount}`,
  });
}
