import type { ChangeEvent } from './change-event.ts';
import { lsnToNumber } from './lsn.ts';
import { UNAVAILABLE_VALUE, type RowChange, type RowImage } from './row-change.ts';
import { changeTopic } from './change-topic.ts';

export interface ShapedChangeEvent {
  topic: string;
  /** JSON of the primary key (`{"id":1}`), or `null` (JSON) for truncates and keyless tables. */
  key: string;
  value: ChangeEvent;
}

export interface ShapeOptions {
  topicPrefix: string;
  /** `source.db`: the database name. */
  database: string;
  /** `source.connector`. */
  connector: string;
  nowMs: number;
}

/** Shapes a RowChange into the Debezium envelope, its key and its topic. */
export function shapeChangeEvent(change: RowChange, options: ShapeOptions): ShapedChangeEvent {
  return {
    topic: changeTopic(options.topicPrefix, change.schema, change.table),
    key: eventKey(change),
    value: {
      before: change.before,
      after: change.after,
      op: change.op,
      ts_ms: options.nowMs,
      source: {
        connector: options.connector,
        db: options.database,
        schema: change.schema,
        table: change.table,
        lsn: lsnToNumber(change.lsn),
        txId: change.txId,
        ts_ms: change.sourceTsMs,
        snapshot: change.snapshot ? 'true' : 'false',
      },
    },
  };
}

function eventKey(change: RowChange): string {
  if (change.op === 't' || change.keyColumns.length === 0) return 'null';
  // Deletes carry the key in `before`; everything else in `after` (an update may change the key).
  const image: RowImage | null = change.op === 'd' ? change.before : change.after;
  if (!image) throw new Error(`${change.schema}.${change.table}: op ${change.op} has no row image to take the key from`);
  const key: RowImage = {};
  for (const column of change.keyColumns) {
    const value = image[column];
    // A key we cannot see would send the event to an arbitrary partition: refuse instead.
    if (value === undefined || value === null || value === UNAVAILABLE_VALUE) {
      throw new Error(`${change.schema}.${change.table}: key column ${column} is missing from the ${change.op === 'd' ? 'before' : 'after'} image`);
    }
    key[column] = value;
  }
  return JSON.stringify(key);
}
