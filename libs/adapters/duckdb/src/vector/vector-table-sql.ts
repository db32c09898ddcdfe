import type { VectorFilter } from '@ledgerline/agent';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

/** Schema of the vector tables (not "vectors": that is the catalog name of data/vectors.duckdb). */
export const VECTOR_SCHEMA = 'collections';

/** One table per collection: `collections."<collection>"`. */
export function collectionTable(collection: string): string {
  return `${q(VECTOR_SCHEMA)}.${q(collection)}`;
}

/** Collection names become table names: keep them boring (Chroma's rule is similar). */
export function checkCollectionName(name: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{1,62}$/.test(name)) throw new RangeError(`invalid collection name "${name}": use 2-63 of [a-z0-9_-]`);
  return name;
}

export function createCollectionSql(table: string, dimension: number): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    id VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    metadata JSON NOT NULL,
    content_hash VARCHAR,
    embedding FLOAT[${dimension}] NOT NULL
  )`;
}

/**
 * WHERE conditions for a metadata filter, with named parameters. Metadata is stored as JSON, so
 * each value is compared with its JSON type: the string "3" does not match the number 3. A range
 * ({ gte, lte }) bounds a numeric value, inclusive at both ends.
 */
export function filterSql(filter: VectorFilter | undefined): { conditions: string[]; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  const numeric = `'UBIGINT', 'BIGINT', 'DOUBLE'`;
  Object.entries(filter ?? {}).forEach(([key, value], i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(key)) throw new RangeError(`invalid metadata key "${key}"`);
    const path = `'$.${key}'`;
    const number = `TRY_CAST(json_extract_string(metadata, ${path}) AS DOUBLE)`;
    // Type-only import of the domain (see duckdb-vector-index.ts): the range test is inline.
    if (typeof value === 'object') {
      const bounds = [`json_type(metadata, ${path}) IN (${numeric})`];
      for (const [op, bound] of [['>=', value.gte], ['<=', value.lte]] as const) {
        if (bound === undefined) continue;
        if (!Number.isFinite(bound)) throw new RangeError(`the bound of "${key}" must be a finite number, got ${bound}`);
        const name = `f${i}_${op === '>=' ? 'gte' : 'lte'}`;
        params[name] = String(bound);
        bounds.push(`${number} ${op} CAST($${name} AS DOUBLE)`);
      }
      conditions.push(`(${bounds.join(' AND ')})`);
      return;
    }
    params[`f${i}`] = typeof value === 'string' ? value : JSON.stringify(value);
    const type = typeof value === 'string' ? `'VARCHAR'` : typeof value === 'boolean' ? `'BOOLEAN'` : numeric;
    const compare = typeof value === 'number' ? `${number} = CAST($f${i} AS DOUBLE)` : `json_extract_string(metadata, ${path}) = $f${i}`;
    conditions.push(`(json_type(metadata, ${path}) IN (${type}) AND ${compare})`);
  });
  return { conditions, params };
}
