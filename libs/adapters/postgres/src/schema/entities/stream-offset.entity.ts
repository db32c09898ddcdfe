import { EntitySchema } from 'typeorm';

export interface StreamOffsetRow {
  consumer_group: string;
  topic: string;
  partition: number;
  /** bigint, hydrated as a decimal string. */
  next_offset: string;
  updated_at: Date;
}

export const StreamOffsetEntity = new EntitySchema<StreamOffsetRow>({
  name: 'StreamOffset',
  tableName: 'stream_offsets',
  columns: {
    consumer_group: { type: 'varchar', length: 255, primary: true },
    topic: { type: 'varchar', length: 255, primary: true },
    partition: { type: 'integer', primary: true },
    next_offset: { type: 'bigint' },
    updated_at: { type: 'timestamptz' },
  },
});
