export { describeWarehouseContract, type WarehouseContractBackend, type WarehouseContractFactory } from './warehouse-contract.ts';
export { CONTRACT_TABLE, CONTRACT_OTHER_TABLE, item as contractItem, tombstone as contractTombstone } from './contract-fixtures.ts';
export { InMemoryWarehouse, InMemoryWarehouseStore, type WarehouseRow } from './in-memory-warehouse.ts';
export { InMemoryChangeFeed, type InMemoryTransaction } from './in-memory-change-feed.ts';
export { canonicalTimestamp, canonicalRow } from './canonical-values.ts';
