import { EntitySchema } from 'typeorm';

/** Watermarks of the warehouse sync, one row per synced table (owned by the sync use case). */
export interface SyncStateRow {
  table_name: string;
  watermark: string;
  updated_at: Date;
}

// xmin_horizon (xid8) is left unmapped: TypeORM has no xid8 type; read it with raw SQL (`::text`).
export const SyncStateEntity = new EntitySchema<SyncStateRow>({
  name: 'SyncState',
  tableName: 'sync_state',
  columns: {
    table_name: { type: 'varchar', length: 100, primary: true },
    watermark: { type: 'bigint' },
    updated_at: { type: 'timestamptz' },
  },
});
