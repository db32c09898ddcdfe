import { MONEY_PATTERN } from './money.ts';
import { ASSET_SYMBOL_PATTERN, EXACT_DECIMAL_PATTERN, tradeRuleViolation } from './trade.ts';
import { CHANNELS, DIRECTIONS, TX_SOURCES, TX_STATUSES, TXN_TYPES, type Transaction } from './transaction.ts';

/** A transaction-shaped value whose fields are not trusted yet (decoded JSON, a parsed CSV row). */
export type TransactionCandidate = { readonly [K in keyof Transaction]: unknown };

/**
 * A cheap test that `transactionSchema` accepts a transaction: true only when zod would accept it
 * too; false means "ask zod", which then gives the verdict and its exact message.
 *
 * Why: running the zod schema (money refinements parse bigints) on every row was most of the
 * per-row CPU of both bulk paths -- the stream sink (per event) and the batch ingest (per
 * statement row) -- while nearly every row is valid. Every field is checked, each no looser than
 * its zod rule: transaction-fast-check.spec.ts holds a value zod refuses for every schema field
 * and proves this check refuses it too, and the ingestion specs compare whole events and
 * statements against zod.
 */
export function fastAcceptsTransaction(t: TransactionCandidate): boolean {
  return (
    text(t.tx_id, 1, 80) &&
    text(t.account_id, 1, 40) &&
    matches(t.occurred_at, ISO_DATETIME) &&
    positiveMoney(t.amount) &&
    DIRECTION.has(t.direction) &&
    TXN_TYPE.has(t.txn_type) &&
    matches(t.currency, CURRENCY) &&
    nonNegativeMoney(t.normalized_amount) &&
    nullableText(t.merchant, 200) &&
    (t.mcc === null || matches(t.mcc, MCC)) &&
    text(t.category, 1, 60) &&
    nullableText(t.subcategory, 60) &&
    CHANNEL.has(t.channel) &&
    nullableText(t.description, 500) &&
    nullableText(t.city, 100) &&
    nullableText(t.state, 100) &&
    (t.country === null || matches(t.country, COUNTRY)) &&
    typeof t.is_recurring === 'boolean' &&
    STATUS.has(t.status) &&
    nullableText(t.related_account_id, 40) &&
    SOURCE.has(t.source) &&
    nullableText(t.source_ref, 300) &&
    (t.asset_symbol === null || matches(t.asset_symbol, ASSET_SYMBOL_PATTERN)) &&
    (t.quantity === null || exactDecimal(t.quantity)) &&
    (t.unit_price === null || exactDecimal(t.unit_price)) &&
    (t.fee === null || nonNegativeMoney(t.fee))
  );
}

/**
 * fastAcceptsTransaction and the rule across fields that the stream and batch edges add
 * (tradeRuleViolation): true only when both zod and that rule accept the row.
 */
export function fastAcceptsTransactionRow(t: TransactionCandidate): boolean {
  if (!fastAcceptsTransaction(t)) return false;
  // Ordinary rows (nearly all) have no trade fields: no rule to run.
  if (t.txn_type !== 'TRADE' && t.asset_symbol === null && t.quantity === null && t.unit_price === null && t.fee === null) return true;
  return tradeRuleViolation(t as TransactionCandidate & { txn_type: string; direction: string }) === undefined;
}

/**
 * The pattern zod applies for `z.iso.datetime({ offset: true })` (calendar-checked date, seconds
 * required, optional fraction, `Z` or `±hh:mm`), so a timestamp costs one regex test.
 */
export const ISO_DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MCC = /^\d{4}$/;
const NON_ZERO_DIGIT = /[1-9]/;
const DIRECTION = new Set<unknown>(DIRECTIONS);
const TXN_TYPE = new Set<unknown>(TXN_TYPES);
const CHANNEL = new Set<unknown>(CHANNELS);
const STATUS = new Set<unknown>(TX_STATUSES);
const SOURCE = new Set<unknown>(TX_SOURCES);

function text(v: unknown, min: number, max: number): boolean {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function nullableText(v: unknown, max: number): boolean {
  return v === null || (typeof v === 'string' && v.length <= max);
}

function matches(v: unknown, pattern: RegExp): boolean {
  return typeof v === 'string' && pattern.test(v);
}

/** zod: MONEY_PATTERN and toCents > 0, i.e. no minus sign and some digit other than 0. */
function positiveMoney(v: unknown): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v) && v[0] !== '-' && NON_ZERO_DIGIT.test(v);
}

/** zod: EXACT_DECIMAL_PATTERN and greater than 0. */
function exactDecimal(v: unknown): boolean {
  return typeof v === 'string' && EXACT_DECIMAL_PATTERN.test(v) && NON_ZERO_DIGIT.test(v);
}

/** zod: MONEY_PATTERN and toCents >= 0; `-0.00` is left to zod. */
function nonNegativeMoney(v: unknown): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v) && v[0] !== '-';
}
