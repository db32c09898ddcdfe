import { z } from 'zod';
import { nonNegativeMoneySchema, positiveMoneySchema } from './money.ts';
import { ASSET_SYMBOL_PATTERN, exactDecimalSchema } from './trade.ts';

export const DIRECTIONS = ['DEBIT', 'CREDIT'] as const;
export const TXN_TYPES = [
  'PURCHASE',
  'DEPOSIT',
  'WITHDRAWAL',
  'TRANSFER',
  'FEE',
  'SALARY',
  'REFUND',
  'PAYMENT',
  'INTEREST',
  /** An investment trade (model/trade.ts): a buy is a DEBIT, a sell a CREDIT. */
  'TRADE',
] as const;
export const CHANNELS = ['CARD_PRESENT', 'ONLINE', 'MOBILE', 'ATM', 'BRANCH', 'DIRECT_DEBIT', 'BANK_TRANSFER'] as const;
export const TX_STATUSES = ['PENDING', 'POSTED', 'REVERSED', 'DECLINED'] as const;
// Statement files name their format: csv, pdf, ofx (also QFX), qif, camt053, mt940.
export const TX_SOURCES = ['stream', 'csv', 'pdf', 'seed', 'ofx', 'qif', 'camt053', 'mt940'] as const;

export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');
const isoTimestamp = z.iso.datetime({ offset: true });

/**
 * The canonical transaction (architecture §3). Field names are snake_case because the same
 * names run through Kafka events, Postgres, the warehouse, dbt and statements.
 */
export const transactionSchema = z.object({
  tx_id: z.string().min(1).max(80),
  account_id: z.string().min(1).max(40),
  occurred_at: isoTimestamp,
  amount: positiveMoneySchema,
  direction: z.enum(DIRECTIONS),
  txn_type: z.enum(TXN_TYPES),
  currency: currencyCodeSchema,
  normalized_amount: nonNegativeMoneySchema,
  merchant: z.string().max(200).nullable(),
  mcc: z.string().regex(/^\d{4}$/, 'expected a 4-digit MCC').nullable(),
  category: z.string().min(1).max(60),
  subcategory: z.string().max(60).nullable(),
  channel: z.enum(CHANNELS),
  description: z.string().max(500).nullable(),
  city: z.string().max(100).nullable(),
  state: z.string().max(100).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 country').nullable(),
  is_recurring: z.boolean(),
  status: z.enum(TX_STATUSES),
  related_account_id: z.string().max(40).nullable(),
  source: z.enum(TX_SOURCES),
  source_ref: z.string().max(300).nullable(),
  // A TRADE's order (model/trade.ts; null on every other row, tradeRuleViolation checks the two
  // agree): the asset from the seed asset list, exact quantity and price per unit in `currency`
  // (eight decimals), and the broker's fee, which `amount` includes.
  asset_symbol: z.string().regex(ASSET_SYMBOL_PATTERN, 'expected an upper-case ticker symbol').nullable(),
  quantity: exactDecimalSchema.nullable(),
  unit_price: exactDecimalSchema.nullable(),
  fee: nonNegativeMoneySchema.nullable(),
});

export type Transaction = z.infer<typeof transactionSchema>;
export type Direction = (typeof DIRECTIONS)[number];
export type TxnType = (typeof TXN_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type TxStatus = (typeof TX_STATUSES)[number];
export type TxSource = (typeof TX_SOURCES)[number];
