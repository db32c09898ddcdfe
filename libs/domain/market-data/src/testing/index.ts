export { InMemoryMarketRawStore } from './in-memory-market-raw-store.ts';
export { describeMarketRawStoreContract, sampleArticle, sampleBar } from './market-raw-store-contract.ts';
