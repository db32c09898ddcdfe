import { decimalAmount, StatementParseError, type ParsedStatementFile, type StatementEntry, type StatementFormatReader } from '@ledgerline/ingestion';
import { LineIndex, isoDate, startTagOffsets, truncatedAt } from '../text-lines.ts';
import { child, children, parseXmlStatement, text, type XmlNode } from '../xml-document.ts';
import { sgmlToXml } from './sgml-to-xml.ts';

const ARRAYS = ['STMTTRNRS', 'CCSTMTTRNRS', 'STMTRS', 'CCSTMTRS', 'STMTTRN'] as const;

/**
 * OFX 1.x (SGML, `OFXHEADER:100` header) and 2.x (XML), and Quicken's QFX (OFX with an
 * `INTU.BID`): one bank (STMTRS) or credit-card (CCSTMTRS) statement per file. FITID becomes the
 * entry's external id, NAME (or PAYEE/NAME) the payee, MEMO the memo, CHECKNUM/REFNUM the
 * reference; DTPOSTED is the booking date and DTUSER the date the user made it (value date).
 * LEDGERBAL is the closing balance (OFX states no opening balance, so nothing to add up).
 */
export class OfxStatementReader implements StatementFormatReader {
  readonly format = 'ofx' as const;

  read(content: string): ParsedStatementFile {
    const start = content.search(/<OFX>/i);
    if (start === -1) throw new StatementParseError({ line: 0, reason: 'not an OFX statement: no <OFX> element' });
    const lines = new LineIndex(content);
    const lineOffset = lines.lineAt(start) - 1;
    const body = content.slice(start);
    if (!/<\/OFX>\s*$/i.test(body)) throw truncatedAt(lines.lastContentLine(content), 'the file ends before </OFX>');
    const document = parseXmlStatement(sgmlToXml(body), 'OFX', ARRAYS, lineOffset);
    refuseFailedSignOn(document);
    const statements = [
      ...children(child(document, 'OFX', 'BANKMSGSRSV1'), 'STMTTRNRS').map((rs) => ({ rs, st: children(rs, 'STMTRS') })),
      ...children(child(document, 'OFX', 'CREDITCARDMSGSRSV1'), 'CCSTMTTRNRS').map((rs) => ({ rs, st: children(rs, 'CCSTMTRS') })),
    ];
    for (const { rs } of statements) {
      const code = text(rs, 'STATUS', 'CODE');
      if (code !== undefined && code !== '0') {
        throw new StatementParseError({ line: 0, reason: `the bank reported an error instead of a statement: status ${code} ${text(rs, 'STATUS', 'MESSAGE') ?? ''}`.trim() });
      }
    }
    const found = statements.flatMap((s) => s.st);
    if (found.length === 0) {
      // Brokers (Fidelity, Vanguard, TD Ameritrade) export INVSTMTRS: positions and trades, not a
      // cash ledger of bank entries. Say so, rather than "no statement".
      const investment = children(child(document, 'OFX', 'INVSTMTMSGSRSV1'), 'INVSTMTTRNRS').some((rs) => child(rs, 'INVSTMTRS') !== undefined);
      if (child(document, 'OFX', 'SIGNUPMSGSRSV1', 'ACCTINFOTRNRS', 'ACCTINFORS') !== undefined) {
        throw new StatementParseError({ line: 0, reason: "the OFX file is the bank's list of accounts (ACCTINFORS), not a statement: download the account's transactions instead" });
      }
      if (investment) {
        throw new StatementParseError({ line: 0, reason: 'the OFX file holds an investment statement (INVSTMTRS); only bank and credit-card statements (STMTRS/CCSTMTRS) are imported' });
      }
      throw new StatementParseError({ line: 0, reason: 'the OFX file holds no bank or credit-card statement (STMTRS/CCSTMTRS)' });
    }
    if (found.length > 1) throw new StatementParseError({ line: 0, reason: `the OFX file holds ${found.length} statements; split it into one file per account` });
    const statement = found[0] as XmlNode;
    const entryLines = startTagOffsets(content, 'STMTTRN').map((o) => lines.lineAt(o));
    const list = child(statement, 'BANKTRANLIST');
    const entries = children(list, 'STMTTRN').map((trn, i) => readEntry(trn, entryLines[i] ?? 0));
    const account = text(statement, 'BANKACCTFROM', 'ACCTID') ?? text(statement, 'CCACCTFROM', 'ACCTID');
    const currency = text(statement, 'CURDEF');
    const from = optionalDate(text(list, 'DTSTART'), 'DTSTART', 0);
    const to = optionalDate(text(list, 'DTEND'), 'DTEND', 0);
    const ledger = child(statement, 'LEDGERBAL');
    const balanceLine = lines.lineAt(startTagOffsets(content, 'LEDGERBAL')[0] ?? 0);
    const result: ParsedStatementFile = { format: 'ofx', entries };
    if (account) result.account = account;
    if (currency) result.currency = currency.toUpperCase();
    if (from || to) result.period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const balance = text(ledger, 'BALAMT');
    if (balance !== undefined) {
      const date = optionalDate(text(ledger, 'DTASOF'), 'DTASOF', balanceLine);
      result.closing_balance = { amount: amountOf(balance, 'BALAMT', balanceLine), line: balanceLine, ...(date ? { date } : {}) };
    }
    return result;
  }
}

/**
 * A sign-on the bank refused (wrong password, locked account) comes back as SONRS with a STATUS
 * other than 0 and no statement: the bank's code and message are the reason to give.
 */
function refuseFailedSignOn(document: XmlNode): void {
  const signOn = child(document, 'OFX', 'SIGNONMSGSRSV1', 'SONRS');
  const code = text(signOn, 'STATUS', 'CODE');
  if (code === undefined || code === '0') return;
  const message = text(signOn, 'STATUS', 'MESSAGE');
  throw new StatementParseError({ line: 0, reason: `the bank refused the sign-on: status ${code}${message ? ` ${message}` : ''}` });
}

function readEntry(trn: XmlNode, line: number): StatementEntry {
  const rawAmount = text(trn, 'TRNAMT');
  if (rawAmount === undefined) throw new StatementParseError({ line, column: 'TRNAMT', reason: 'the transaction has no amount (TRNAMT)' });
  const signed = amountOf(rawAmount, 'TRNAMT', line);
  const posted = optionalDate(text(trn, 'DTPOSTED'), 'DTPOSTED', line);
  if (!posted) throw new StatementParseError({ line, column: 'DTPOSTED', reason: 'the transaction has no posting date (DTPOSTED)' });
  const user = optionalDate(text(trn, 'DTUSER'), 'DTUSER', line);
  const entry: StatementEntry = {
    line,
    date: posted,
    amount: signed.replace(/^-/, ''),
    direction: signed.startsWith('-') ? 'DEBIT' : 'CREDIT',
  };
  if (user && user !== posted) entry.value_date = user;
  const payee = text(trn, 'NAME') ?? text(trn, 'PAYEE', 'NAME');
  if (payee) entry.payee = payee;
  const memo = text(trn, 'MEMO');
  if (memo) entry.memo = memo;
  const reference = text(trn, 'CHECKNUM') ?? text(trn, 'REFNUM');
  if (reference) entry.reference = reference;
  const fitid = text(trn, 'FITID');
  if (fitid) entry.external_id = fitid;
  const currency = text(trn, 'CURRENCY', 'CURSYM');
  if (currency) entry.currency = currency.toUpperCase();
  return entry;
}

/** OFX amounts use `.`; some banks write `,` (`-12,50`): accepted only when unambiguous. */
function amountOf(raw: string, column: string, line: number): string {
  const amount = decimalAmount(raw, '.') ?? (/^[+-]?\d+,\d{1,2}$/.test(raw.trim()) ? decimalAmount(raw, ',') : undefined);
  if (amount === undefined) throw new StatementParseError({ line, column, reason: `'${raw}' is not an amount` });
  return amount;
}

/** OFX dates: `YYYYMMDD[HHMMSS[.XXX]][[+-h:TZ]]`; the calendar day as written is the booking day. */
function optionalDate(raw: string | undefined, column: string, line: number): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(raw);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (!date) throw new StatementParseError({ line, column, reason: `'${raw}' is not an OFX date (YYYYMMDD...)` });
  return date;
}
