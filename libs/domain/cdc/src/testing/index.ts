export { describeObjectStoreContract, type ObjectStoreUnderTest } from './object-store.contract.ts';
export { changeLogRowRead, describeChangeLogWarehouseContract, type ChangeLogRowRead, type ChangeLogWarehouseUnderTest } from './change-log-warehouse.contract.ts';
