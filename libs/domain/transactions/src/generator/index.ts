// The synthetic data generator: its own entry point (`@ledgerline/transactions/generator`) because
// it loads @faker-js/faker with two dozen locales (~35 MB of heap), which processes that only
// validate, store or move transactions (stream sink, batch ingest, sync) should not pay for.
export { generateDataset, generateCustomersAndAccounts } from './generate-dataset.ts';
export { generateTransactionStream } from './generate-transaction-stream.ts';
export { TransactionStreamCursor, StreamPlanMismatchError } from './transaction-stream-cursor.ts';
export { streamPlanSchema, type StreamPlan } from './stream-plan.ts';
export type { TradableAsset, TradeMarket } from './trade-market.ts';
export { companiesOf, type CompanyRecords } from './companies.ts';
