import { parseLsn, type Lsn, type RowChange, type SourceMessage } from '@ledgerline/cdc';
import type { Pgoutput } from 'pg-logical-replication';
import { toRowImage } from './column-values.ts';
import { HEARTBEAT_PREFIX } from './pgoutput-options.ts';

/** Primary-key columns of a table, from the catalog (pgoutput's key flags mean "replica identity"). */
export type KeyColumnsOf = (schema: string, table: string) => Promise<string[]>;

/**
 * Turns decoded pgoutput messages into SourceMessages. Stateful per stream: a transaction's
 * changes take their txId and commit time from its BEGIN (protocol v1 sends whole transactions,
 * after they committed, in commit order).
 */
export class PgoutputMessageMapper {
  private txId: number | null = null;
  private commitTsMs = 0;

  constructor(private readonly keyColumnsOf: KeyColumnsOf) {}

  async map(walLsn: string, message: Pgoutput.Message): Promise<SourceMessage[]> {
    switch (message.tag) {
      case 'begin':
        this.txId = message.xid;
        this.commitTsMs = Number(message.commitTime.valueOf() / 1000n);
        return [];
      case 'commit':
        // The end of the commit record: what PostgreSQL's own subscribers report as flushed.
        return [{ kind: 'commit', lsn: parseLsn(message.commitEndLsn ?? walLsn) }];
      case 'insert':
        return [await this.change('c', message.relation, null, message.new, walLsn)];
      case 'update':
        // `old` with REPLICA IDENTITY FULL, `key` when DEFAULT identity and the key changed.
        return [await this.change('u', message.relation, message.old ?? message.key, message.new, walLsn)];
      case 'delete':
        return [await this.change('d', message.relation, message.old ?? message.key, null, walLsn)];
      case 'truncate':
        return Promise.all(message.relations.map((relation) => this.change('t', relation, null, null, walLsn)));
      case 'message':
        if (message.prefix === HEARTBEAT_PREFIX && message.messageLsn) return [{ kind: 'position', lsn: parseLsn(message.messageLsn) }];
        return [];
      default:
        // relation, type, origin: metadata the parser keeps for decoding the rows.
        return [];
    }
  }

  private async change(
    op: RowChange['op'],
    relation: Pgoutput.MessageRelation,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    walLsn: string,
  ): Promise<{ kind: 'change'; change: RowChange }> {
    const lsn: Lsn = parseLsn(walLsn);
    return {
      kind: 'change',
      change: {
        op,
        schema: relation.schema,
        table: relation.name,
        keyColumns: await this.keyColumnsOf(relation.schema, relation.name),
        before: toRowImage(before),
        after: toRowImage(after),
        lsn,
        txId: this.txId,
        sourceTsMs: this.commitTsMs,
        snapshot: false,
      },
    };
  }
}
