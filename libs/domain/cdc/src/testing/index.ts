export { describeObjectStoreContract, type ObjectStoreUnderTest } from './object-store.contract.ts';
