export {
  TRANSACTION_STORE,
  type TransactionStore,
  type TransactionStoreTx,
  type TransactionStoreOperations,
  type UpsertResult,
  type UpsertTransactionsOptions,
  type VersionedTransaction,
} from './ports/transaction-store.port.ts';
export { accountIdsOf, type AccountBalances } from './ports/account-balances.port.ts';
export {
  StoreConstraintError,
  type StoreConstraintDetails,
  type StoreConstraintKind,
} from './ports/store-constraint-error.ts';
export {
  ingestedFileSchema,
  streamOffsetSchema,
  type IngestedFile,
  type StreamOffset,
  type TransactionChangeInfo,
} from './ports/store-records.ts';
export * from './stream/index.ts';
export * from './statements/index.ts';
export * from './batch/index.ts';
