// Test helpers of @ledgerline/ingestion (import from '@ledgerline/ingestion/testing' in specs only).
export { describeTransactionStoreContract, type TransactionStoreUnderTest } from './transaction-store.contract.ts';
export { accountFixture, companyFixture, customerCompanyFixture, customerFixture, transactionFixture, transactionFixtures } from './store-fixtures.ts';
export { describeEventBusContract, type EventBusUnderTest, type EventBusContractOptions } from './event-bus.contract.ts';
