export * from './model/money.ts';
export * from './model/transaction.ts';
export * from './model/trade.ts';
export * from './model/customer.ts';
export * from './model/company.ts';
export * from './model/row-columns.ts';
export * from './failures/failure-kind.ts';
export { fastAcceptsTransaction, fastAcceptsTransactionRow, ISO_DATETIME, type TransactionCandidate } from './model/transaction-fast-check.ts';

export { CATEGORY_TREE, CATEGORIES, isKnownCategory, isKnownSubcategory } from './categorisation/categories.ts';
export type { Category, Subcategory, CategoryAssignment } from './categorisation/categories.ts';
export type { MccEntry } from './categorisation/mcc-entry.ts';
export { MCC_TABLE, lookupMcc } from './categorisation/mcc-table.ts';
export { MCC_CSV_COLUMNS, mccTableCsv } from './categorisation/mcc-table-csv.ts';
export { MERCHANT_RULES, matchMerchantRule } from './categorisation/merchant-rules.ts';
export type { MerchantRule } from './categorisation/merchant-rules.ts';
export { categorise } from './categorisation/categorise.ts';
export type { CategoriseInput } from './categorisation/categorise.ts';

export { FX_RATES_AS_OF, FX_QUOTE_CURRENCY, FX_RATES_PER_EUR, KNOWN_CURRENCIES, DEFAULT_BASE_CURRENCY, isKnownCurrency } from './fx/fx-rates.ts';
export type { KnownCurrency } from './fx/fx-rates.ts';
export { UnknownCurrencyError, isUnknownCurrencyError } from './fx/unknown-currency-error.ts';
export { divideHalfEven } from './fx/decimal.ts';
export { convertCents, normalise } from './fx/convert.ts';
export { settlementCents, balanceDeltaCents } from './fx/settlement.ts';
export { BALANCE_MOVING_STATUSES, movesBalance, ledgerBalance } from './balances/balance-rule.ts';

// generateDataset / generateTransactionStream: `@ledgerline/transactions/generator` (loads faker).
export { generatorOptionsSchema } from './generator/generator-options.ts';
export type { GeneratorOptions, GeneratedDataset } from './generator/generator-options.ts';
// Plain zod (no faker): the persisted plan of a resumable stream, read by stores and apps.
export { streamPlanSchema, type StreamPlan } from './generator/stream-plan.ts';
// The port the generator prices trades through (implemented by @ledgerline/market-data).
export type { TradableAsset, TradeMarket } from './generator/trade-market.ts';
