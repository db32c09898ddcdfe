import { EntitySchema } from 'typeorm';

export interface StreamOffsetRow {
  consumer_group: string;
  topic: string;
  partition: number;
  /** bigint, hydrated as a decimal string. */
  next_offset: string;
  /** The furthest next_offset ever saved (a rewind lowers next_offset only); NULL = next_offset. */
  furthest_offset: string | null;
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
    furthest_offset: { type: 'bigint', nullable: true },
    updated_at: { type: 'timestamptz' },
  },
});
