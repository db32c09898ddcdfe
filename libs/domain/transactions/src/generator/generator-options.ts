import { z } from 'zod';
import type { Company, CustomerCompany } from '../model/company.ts';
import type { Account, Customer } from '../model/customer.ts';
import { TX_SOURCES, type Transaction, type TxSource } from '../model/transaction.ts';
import { DEFAULT_BASE_CURRENCY, isKnownCurrency } from '../fx/fx-rates.ts';
import { UnknownCurrencyError } from '../fx/unknown-currency-error.ts';
import type { TradeMarket } from './trade-market.ts';

export interface GeneratorOptions {
  seed: number;
  customers: number;
  months: number;
  /** First simulated month, `YYYY-MM` (UTC). */
  startMonth: string;
  /** Currency of `normalized_amount`; default EUR. */
  baseCurrency?: string;
  /** `source` written on every transaction; default `seed`. */
  source?: TxSource;
  /**
   * The price series investment trades are priced from (docs/trades.md). Without it the run has
   * no trades, and its other transactions are exactly those of a run before trades existed.
   */
  market?: TradeMarket;
  /**
   * A stream plan's growth points (StreamPlan.growth): the population grows to `customers` once
   * `atPosition` transactions have been generated, joining from the next month, exactly as
   * TransactionStreamCursor replays it, so the run is that stream's. Absent: no growth.
   */
  growth?: ReadonlyArray<{ atPosition: number; customers: number }>;
}

export interface GeneratedDataset {
  customers: Customer[];
  /** One per corporate customer (docs/trades.md "Companies"). */
  companies: Company[];
  /** Which customer acts for which company: the account holder, sometimes a signatory. */
  customerCompanies: CustomerCompany[];
  /** Accounts with `balance` = closing balance after the last generated transaction. */
  accounts: Account[];
  /** Sorted by `occurred_at`, then `tx_id`. */
  transactions: Transaction[];
  /** Ground truth for anomaly detection: the transactions deliberately made out of pattern. */
  anomalies: Array<{ tx_id: string; reason: string }>;
  /** account_id -> balance before the first generated transaction. */
  openingBalances: Record<string, string>;
}

export const generatorOptionsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  customers: z.number().int().min(1).max(1_000_000),
  months: z.number().int().min(1).max(1200),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  baseCurrency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code').optional(),
  source: z.enum(TX_SOURCES).optional(),
  growth: z.array(z.object({ atPosition: z.number().int().nonnegative(), customers: z.number().int().min(1).max(1_000_000) })).optional(),
});

export interface ResolvedGeneratorOptions {
  seed: number;
  customers: number;
  months: number;
  startYear: number;
  startMonth0: number;
  baseCurrency: string;
  source: TxSource;
  market: TradeMarket | undefined;
}

/** Validates options at the edge; an unknown base currency is an UnknownCurrencyError like everywhere else. */
export function resolveGeneratorOptions(options: GeneratorOptions): ResolvedGeneratorOptions {
  const parsed = generatorOptionsSchema.parse(options);
  const baseCurrency = parsed.baseCurrency ?? DEFAULT_BASE_CURRENCY;
  if (!isKnownCurrency(baseCurrency)) throw new UnknownCurrencyError(baseCurrency);
  const [year, month] = parsed.startMonth.split('-').map(Number);
  return {
    seed: parsed.seed,
    customers: parsed.customers,
    months: parsed.months,
    startYear: year as number,
    startMonth0: (month as number) - 1,
    baseCurrency,
    source: parsed.source ?? 'seed',
    market: options.market,
  };
}
