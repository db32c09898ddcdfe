import { InMemoryWarehouse, InMemoryWarehouseStore } from './in-memory-warehouse.ts';
import { describeWarehouseContract } from './warehouse-contract.ts';

// The reference implementation passes the contract: proves the suite itself is satisfiable
// and keeps the in-memory fake used by the use-case tests honest.
describeWarehouseContract('in-memory', async () => {
  const store = new InMemoryWarehouseStore();
  return {
    open: async (hooks) => new InMemoryWarehouse(store, hooks),
    readRows: async (table) => new InMemoryWarehouse(store).rows(table.name),
    dispose: async () => undefined,
  };
});
