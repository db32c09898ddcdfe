import { ARRAY, FLOAT, arrayValue, type DuckDBConnection } from '@duckdb/node-api';
import type { CONTENT_HASH_KEY, VectorDocument, VectorFilter, VectorIndex, VectorMatch, VectorMetadata } from '@ledgerline/agent';
import { z } from 'zod';
import { leaseDuckDb, type DuckDbLease } from '../connection/shared-instances.ts';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { checkCollectionName, collectionTable, createCollectionSql, filterSql, VECTOR_SCHEMA } from './vector-table-sql.ts';

export interface DuckDbVectorIndexOptions {
  /** Its own DuckDB file, e.g. data/vectors.duckdb (see docs/agent.md for why not the warehouse). */
  readonly path: string;
  /** One table per collection, e.g. `ledgerline_docs_local_hash_256`. */
  readonly collection: string;
}

// Type-only imports from @ledgerline/agent: its index loads LangChain/LangGraph (~1 s), which every
// user of @ledgerline/duckdb (analytics CLI, sync) would otherwise pay. The key is checked
// against the domain's constant at compile time; the error class is loaded when it is thrown.
const HASH_KEY: typeof CONTENT_HASH_KEY = 'content_hash';

async function dimensionError(expected: number, actual: number): Promise<Error> {
  const { VectorDimensionError } = await import('@ledgerline/agent');
  return new VectorDimensionError(expected, actual);
}

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/**
 * The embedded VectorIndex: a DuckDB table per collection with `FLOAT[n]` embeddings, searched
 * exhaustively with `array_cosine_similarity` (exact, no ANN index: tens of thousands of
 * documents take milliseconds). Metadata is JSON and filtered by key and JSON type. Calls are
 * queued: one DuckDB connection runs one statement at a time.
 */
export class DuckDbVectorIndex implements VectorIndex {
  readonly description: string;
  private readonly table: string;
  private lease: Promise<DuckDbLease> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private dimension: number | null | undefined;

  constructor(private readonly options: DuckDbVectorIndexOptions) {
    checkCollectionName(options.collection);
    this.table = collectionTable(options.collection);
    this.description = `DuckDB ${options.path} (${VECTOR_SCHEMA}.${options.collection})`;
  }

  upsert(docs: readonly VectorDocument[]): Promise<void> {
    return this.use(async (db) => {
      if (docs.length === 0) return;
      const dimension = (await this.storedDimension(db)) ?? docs[0]?.embedding.length ?? 0;
      const wrong = docs.find((doc) => doc.embedding.length !== dimension);
      if (wrong) throw await dimensionError(dimension, wrong.embedding.length);
      if (dimension < 1) throw new RangeError('embeddings must not be empty');
      await db.run(`CREATE SCHEMA IF NOT EXISTS ${q(VECTOR_SCHEMA)}`);
      await db.run(createCollectionSql(this.table, dimension));
      this.dimension = dimension;
      // Stage with the appender (fast, typed FLOAT[n]) and replace by id in one statement.
      const stage = `${this.options.collection}__stage`;
      await db.run(`CREATE OR REPLACE TABLE ${q(VECTOR_SCHEMA)}.${q(stage)} AS SELECT * FROM ${this.table} LIMIT 0`);
      try {
        const appender = await db.createAppender(stage, VECTOR_SCHEMA);
        const type = ARRAY(FLOAT, dimension);
        try {
          for (const doc of docs) {
            const hash = doc.metadata[HASH_KEY];
            appender.appendVarchar(doc.id);
            appender.appendVarchar(doc.text);
            appender.appendVarchar(JSON.stringify(doc.metadata));
            if (typeof hash === 'string') appender.appendVarchar(hash);
            else appender.appendNull();
            appender.appendArray(arrayValue([...doc.embedding]), type);
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        await db.run(`INSERT OR REPLACE INTO ${this.table} SELECT * FROM ${q(VECTOR_SCHEMA)}.${q(stage)}`);
      } finally {
        await db.run(`DROP TABLE IF EXISTS ${q(VECTOR_SCHEMA)}.${q(stage)}`);
      }
    });
  }

  query(embedding: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    if (!Number.isInteger(k) || k < 1) return Promise.reject(new RangeError(`k must be a positive integer, got ${k}`));
    return this.use(async (db) => {
      const dimension = await this.storedDimension(db);
      if (dimension === null) return [];
      if (embedding.length !== dimension) throw await dimensionError(dimension, embedding.length);
      const { conditions, params } = filterSql(filter);
      const reader = await db.runAndReadAll(
        `SELECT id, text, CAST(metadata AS VARCHAR) AS metadata, array_cosine_similarity(embedding, $query) AS score
           FROM ${this.table}
          ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
          ORDER BY score DESC, id
          LIMIT ${k}`,
        { ...params, query: arrayValue([...embedding]) },
        { query: ARRAY(FLOAT, dimension) },
      );
      return reader.getRowObjectsJS().map((row) => ({
        id: String(row.id),
        text: String(row.text),
        metadata: metadataSchema.parse(JSON.parse(String(row.metadata))) as VectorMetadata,
        score: Number(row.score),
      }));
    });
  }

  count(): Promise<number> {
    return this.use(async (db) => {
      if ((await this.storedDimension(db)) === null) return 0;
      const reader = await db.runAndReadAll(`SELECT count(*) AS n FROM ${this.table}`);
      return Number(reader.getRowObjectsJS()[0]?.n ?? 0);
    });
  }

  storedHashes(): Promise<Map<string, string>> {
    return this.use(async (db) => {
      if ((await this.storedDimension(db)) === null) return new Map();
      const reader = await db.runAndReadAll(`SELECT id, content_hash FROM ${this.table} WHERE content_hash IS NOT NULL ORDER BY id`);
      return new Map(reader.getRowObjectsJS().map((r) => [String(r.id), String(r.content_hash)]));
    });
  }

  delete(ids: readonly string[]): Promise<void> {
    return this.use(async (db) => {
      if (ids.length === 0 || (await this.storedDimension(db)) === null) return;
      await db.run(`DELETE FROM ${this.table} WHERE list_contains(from_json($ids, '["VARCHAR"]'), id)`, { ids: JSON.stringify(ids) });
    });
  }

  deleteCollection(): Promise<void> {
    return this.use(async (db) => {
      await db.run(`DROP TABLE IF EXISTS ${this.table}`);
      this.dimension = null;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    const lease = this.lease;
    this.lease = undefined;
    this.dimension = undefined;
    if (lease) (await lease.catch(() => undefined))?.release();
  }

  /** The collection's embedding length; null when the collection does not exist yet. */
  private async storedDimension(db: DuckDBConnection): Promise<number | null> {
    if (this.dimension !== undefined) return this.dimension;
    const reader = await db.runAndReadAll(
      `SELECT data_type FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $table AND column_name = 'embedding'`,
      { schema: VECTOR_SCHEMA, table: this.options.collection },
    );
    const type = reader.getRowObjectsJS()[0]?.data_type;
    const match = typeof type === 'string' ? /\[(\d+)\]$/.exec(type) : null;
    this.dimension = match ? Number(match[1]) : null;
    return this.dimension;
  }

  private use<T>(work: (db: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = async () => {
      this.lease ??= leaseDuckDb(this.options.path);
      const lease = await this.lease;
      return work(lease.connection);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
