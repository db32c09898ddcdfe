import { EntitySchema } from 'typeorm';

/** A tombstone written by the delete triggers, for the warehouse sync's `_deleted` rows. */
export interface DeletedRowRow {
  change_seq: string;
  table_name: string;
  row_key: string;
  deleted_at: Date;
}

// change_xid (xid8) is left unmapped: TypeORM has no xid8 type; the sync reads it with raw SQL.
export const DeletedRowEntity = new EntitySchema<DeletedRowRow>({
  name: 'DeletedRow',
  tableName: 'deleted_rows',
  columns: {
    change_seq: { type: 'bigint', primary: true },
    table_name: { type: 'varchar', length: 100 },
    row_key: { type: 'varchar', length: 200 },
    deleted_at: { type: 'timestamptz' },
  },
});
