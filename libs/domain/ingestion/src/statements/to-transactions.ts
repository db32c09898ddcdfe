import { createHash } from 'node:crypto';
import { fastAcceptsTransactionRow, fromCents, toCents, tradeRuleViolation, transactionSchema, type Transaction, type TxSource } from '@ledgerline/transactions';
import type { ParsedStatementRow } from './parsed-statement-row.ts';
import { StatementParseError } from './statement-parse-error.ts';
import { channelFor, inferTxnType } from './infer-txn-type.ts';
import { readTradeLine } from './trade-line.ts';

export interface ToTransactionsOptions {
  account_id: string;
  /**
   * Currency of rows that state none: the account's currency. Without it such a row is refused
   * (noCurrencyReason): never silently the base currency.
   */
  currency?: string;
  /** The statement format the rows came from. */
  source: Exclude<TxSource, 'stream' | 'seed'>;
  /** File the rows came from; its base name goes into `source_ref` as `<name>:<line>`. */
  file: string;
  /**
   * How an id column becomes `tx_id`: `namespaced` (default) = `<source>:<account>:<id>`, because a
   * foreign bank's ids are unique only within its own exports; `verbatim` = the id as-is, for our
   * own statements whose id column holds our tx_id.
   */
  idPolicy?: 'namespaced' | 'verbatim';
  /** Amount in the base currency; defaults to the amount itself (no FX applied here). */
  normalizeAmount?: (amount: string, currency: string, occurredAt: string) => string;
  /** Category when the statement has none. */
  defaultCategory?: string;
}

const MAX_TX_ID = 80;

/**
 * Maps statement rows of ONE file to Transactions, one at a time (works on a stream). Rows without
 * an id get a deterministic tx_id: sha256 of account, date, signed amount, normalised description
 * and the occurrence index of that combination in this file — two genuine identical charges on one
 * day stay two transactions, and re-importing an overlapping period yields the same ids.
 * The occurrence counter holds one small entry per distinct (date, amount, description).
 */
export class StatementTransactionMapper {
  private readonly occurrences = new Map<string, number>();
  /** The last date's noon timestamp: consecutive rows mostly share a date, so one string serves them all. */
  private noon = { date: '', occurred_at: '' };
  private readonly options: ToTransactionsOptions;
  private readonly fileName: string;

  constructor(options: ToTransactionsOptions) {
    this.options = options;
    this.fileName = options.file.split(/[\\/]/).pop() ?? options.file;
  }

  map(row: ParsedStatementRow): Transaction {
    const { account_id, source } = this.options;
    const signed = toCents(row.amount);
    if (signed === 0n) throw this.error(row, 'Amount', 'a zero amount cannot be stored as a transaction');
    const direction = signed < 0n ? 'DEBIT' : 'CREDIT';
    const amount = fromCents(signed < 0n ? -signed : signed);
    const currency = row.currency ?? this.options.currency;
    if (currency === undefined) throw this.error(row, 'Currency', noCurrencyReason(account_id));
    const occurred_at = row.time === undefined ? this.noonOf(row.date) : occurredAt(row);
    const description = row.description.trim();
    const traded = readTradeLine(description, direction, signed < 0n ? -signed : signed, currency);
    if (traded.kind === 'refused') throw this.error(row, 'Description', traded.reason);
    const trade = traded.kind === 'trade' ? traded.line : undefined;
    const txn_type = trade ? 'TRADE' : inferTxnType(description, direction);
    const rowAmount = trade?.amount ?? amount;
    const rowCurrency = trade?.currency ?? currency;
    const candidate: Transaction = {
      tx_id: this.txId(row),
      account_id,
      occurred_at,
      amount: rowAmount,
      direction,
      txn_type,
      currency: rowCurrency,
      normalized_amount: this.options.normalizeAmount?.(rowAmount, rowCurrency, occurred_at) ?? rowAmount,
      merchant: row.payee === undefined || row.payee === '' ? null : row.payee.slice(0, 200),
      mcc: null,
      category: row.category ?? this.options.defaultCategory ?? 'Uncategorised',
      subcategory: null,
      channel: channelFor(txn_type),
      description: description === '' ? null : description,
      city: null,
      state: null,
      country: null,
      is_recurring: false,
      status: 'POSTED',
      related_account_id: null,
      source,
      source_ref: `${this.fileName}:${row.line}`,
      asset_symbol: trade?.trade.asset_symbol ?? null,
      quantity: trade?.trade.quantity ?? null,
      unit_price: trade?.trade.unit_price ?? null,
      fee: trade?.trade.fee ?? null,
    };
    // zod stays the judge: the fast check only lets through what zod would accept anyway.
    if (fastAcceptsTransactionRow(candidate)) return candidate;
    const parsed = transactionSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.error(row, String(issue?.path[0] ?? ''), `cannot become a transaction: ${issue?.path.join('.')} ${issue?.message}`);
    }
    const rule = tradeRuleViolation(parsed.data);
    if (rule) throw this.error(row, 'Description', `cannot become a transaction: ${rule}`);
    return parsed.data;
  }

  private noonOf(date: string): string {
    if (date !== this.noon.date) this.noon = { date, occurred_at: occurredAt({ date }) };
    return this.noon.occurred_at;
  }

  private txId(row: ParsedStatementRow): string {
    const { account_id, source, idPolicy = 'namespaced' } = this.options;
    if (row.external_id !== undefined) {
      if (idPolicy === 'verbatim') return row.external_id;
      const id = `${source}:${account_id}:${row.external_id}`;
      return id.length <= MAX_TX_ID ? id : `${source}:${sha256(JSON.stringify([account_id, row.external_id]))}`;
    }
    const key = [account_id, row.date, row.amount, normalizeDescription(row.description)];
    const keyHash = sha256(JSON.stringify(key)).slice(0, 32);
    const occurrence = this.occurrences.get(keyHash) ?? 0;
    this.occurrences.set(keyHash, occurrence + 1);
    return `${source}:${sha256(JSON.stringify([...key, occurrence]))}`;
  }

  private error(row: ParsedStatementRow, column: string, reason: string): StatementParseError {
    return new StatementParseError({ file: this.fileName, line: row.line, ...(column ? { column } : {}), reason });
  }
}

/** Why a row without a currency is refused when the account's currency is not known either. */
export function noCurrencyReason(accountId: string): string {
  return `no currency: the file states none and account ${accountId} has no currency on record; pass --currency (the account's currency)`;
}

export function toTransactions(rows: Iterable<ParsedStatementRow>, options: ToTransactionsOptions): Transaction[] {
  const mapper = new StatementTransactionMapper(options);
  return Array.from(rows, (row) => mapper.map(row));
}

/** Case, accents-as-composed and spacing differences between two exports must not change an id. */
export function normalizeDescription(description: string): string {
  return description.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function occurredAt(row: Pick<ParsedStatementRow, 'date' | 'time' | 'utc_offset'>): string {
  if (row.time === undefined) return `${row.date}T12:00:00.000Z`;
  if (row.utc_offset === undefined) return `${row.date}T${row.time}.000Z`;
  return new Date(`${row.date}T${row.time}${row.utc_offset}`).toISOString();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
