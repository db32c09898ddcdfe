import type { RelationDescription, SchemaDescription } from './metric-rows.ts';

/** One column as a catalog lists it (information_schema.columns joined to its table's kind). */
export interface CatalogColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly kind: RelationDescription['kind'];
}

/**
 * The relations of a column listing, for AnalyticsStore.describeSchema: every adapter reads its
 * catalog (DuckDB's duckdb_columns(), Trino's information_schema) and maps the rows; the grouping
 * is this one. Relations and their columns keep the order of `columns` (order by schema, table,
 * column position in the query).
 */
export function describeRelations(columns: Iterable<CatalogColumn>): SchemaDescription {
  const relations = new Map<string, RelationDescription>();
  for (const { schema, table, column, type, kind } of columns) {
    const key = `${schema}.${table}`;
    let relation = relations.get(key);
    if (!relation) {
      relation = { schema, name: table, kind, columns: [] };
      relations.set(key, relation);
    }
    relation.columns.push({ name: column, type });
  }
  return { relations: [...relations.values()] };
}
