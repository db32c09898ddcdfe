import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows } from './warehouse-reader.ts';

export interface RelationDiff {
  readonly relation: string;
  readonly rows: number;
  /** Rows (with multiplicity) only in the left / only in the right warehouse. */
  readonly onlyLeft: number;
  readonly onlyRight: number;
}

const countsSchema = z.object({ rows: z.coerce.number(), only_left: z.coerce.number(), only_right: z.coerce.number() });
const tableSchema = z.object({ table_name: z.string() });

/**
 * Compares every table of `schema` in two DuckDB files row for row (EXCEPT ALL both ways, so
 * duplicates count), e.g. the marts of an incremental build against a --full-refresh build.
 * Tables are listed from the left file; a table missing on the right is an error.
 */
export async function diffSchemas(leftPath: string, rightPath: string, schema: string): Promise<RelationDiff[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`attach '${leftPath.replaceAll("'", "''")}' as lhs (read_only)`);
    await connection.run(`attach '${rightPath.replaceAll("'", "''")}' as rhs (read_only)`);
    const tables = (
      await queryRows(connection, `select table_name from information_schema.tables where table_catalog = 'lhs' and table_schema = '${schema}' order by table_name`)
    ).map((row) => tableSchema.parse(row).table_name);
    const diffs: RelationDiff[] = [];
    for (const table of tables) {
      const left = `lhs.${schema}.${table}`;
      const right = `rhs.${schema}.${table}`;
      const [row] = await queryRows(
        connection,
        `select
           (select count(*) from ${left}) as rows,
           (select count(*) from (select * from ${left} except all select * from ${right})) as only_left,
           (select count(*) from (select * from ${right} except all select * from ${left})) as only_right`,
      );
      const counts = countsSchema.parse(row);
      diffs.push({ relation: `${schema}.${table}`, rows: counts.rows, onlyLeft: counts.only_left, onlyRight: counts.only_right });
    }
    return diffs;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
