import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { syntheticColumn } from '../result/column-metadata.ts';
import { STATEMENT_TYPE, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { identifierValue, stringValue } from '../sql/tokenize.ts';
import type { TokenEditor } from '../sql/token-editor.ts';
import { schemaExists } from './duckdb-names.ts';

/**
 * The SHOW commands dbt-snowflake sends to find what exists (list_schemas,
 * list_relations_without_caching, show_object_metadata, the query-tag reset):
 *   SHOW [TERSE] SCHEMAS [IN DATABASE db] [LIMIT n]
 *   SHOW [TERSE] OBJECTS IN [SCHEMA] [db.]schema [STARTS WITH 'x'] [LIMIT n [FROM 'x']]
 *   SHOW PARAMETERS LIKE 'name' IN SESSION
 * Answered from DuckDB's catalog in Snowflake's column layout (the columns dbt reads, plus
 * created_on). Anything else SHOW stays unsupported.
 */
export async function showCommand(context: ExecContext, editor: TokenEditor): Promise<StatementResult> {
  let i = 1;
  if (editor.kw(i) === 'TERSE') i++;
  const what = editor.kw(i);
  if (what === 'SCHEMAS') return showSchemas(context, editor, i + 1);
  if (what === 'OBJECTS' || what === 'TABLES' || what === 'VIEWS') return showObjects(context, editor, i + 1, what);
  if (what === 'PARAMETERS') return showParameters(context, editor, i + 1);
  throw new SnowflakeError('000002', '0A000', `SHOW ${what ?? ''} is not emulated; query information_schema instead.`);
}

const text = (names: string[]) => names.map((n) => syntheticColumn(n, 'text'));
const CREATED_ON = '1970-01-01 00:00:00.000 +0000';

/** The name parts after IN [DATABASE|SCHEMA|ACCOUNT], the STARTS WITH prefix and the LIMIT. */
function clauses(editor: TokenEditor, from: number): { scope: string[]; startsWith?: string; limit?: number } {
  const out: { scope: string[]; startsWith?: string; limit?: number } = { scope: [] };
  for (let i = from; i < editor.length; i++) {
    const kw = editor.kw(i);
    if (kw === 'IN') {
      i++;
      if (['DATABASE', 'SCHEMA', 'ACCOUNT'].includes(editor.kw(i) ?? '')) i++;
      while (editor.isName(i)) {
        const token = editor.at(i)!;
        out.scope.push(token.kind === 'quoted' ? identifierValue(token) : identifierValue(token).toUpperCase());
        if (!editor.isOp(i + 1, '.')) break;
        i += 2;
      }
    } else if (kw === 'STARTS' && editor.kw(i + 1) === 'WITH') {
      const token = editor.at(i + 2);
      if (token?.kind === 'string') out.startsWith = stringValue(token);
      i += 2;
    } else if (kw === 'LIMIT') {
      out.limit = Number(editor.at(i + 1)?.text);
      i++;
    }
  }
  return out;
}

async function showSchemas(context: ExecContext, editor: TokenEditor, from: number): Promise<StatementResult> {
  const { scope, limit } = clauses(editor, from);
  const database = scope[0] ?? context.session.database ?? '';
  const reader = await context.session.connection.runAndReadAll(
    "SELECT schema_name FROM information_schema.schemata WHERE catalog_name = $1 AND schema_name NOT IN ('main', 'information_schema', 'pg_catalog') ORDER BY 1",
    [context.state.catalog],
  );
  const names = ['INFORMATION_SCHEMA', ...reader.getRows().map((r) => String(r[0]))].slice(0, limit ?? undefined);
  return {
    rowtype: text(['created_on', 'name', 'kind', 'database_name', 'schema_name']),
    rowset: names.map((name) => [CREATED_ON, name, null, database, null]),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}

async function showObjects(context: ExecContext, editor: TokenEditor, from: number, what: string): Promise<StatementResult> {
  const { session, state } = context;
  const { scope, startsWith, limit } = clauses(editor, from);
  const schema = scope.at(-1) ?? session.schema;
  const database = scope.length > 1 ? scope[0]! : (session.database ?? '');
  if (!schema || !(await schemaExists(session.connection, state.catalog, schema))) {
    // dbt-snowflake reads a missing schema from this code: "002043 (02000)".
    throw new SnowflakeError('002043', '02000', 'SQL compilation error:\nObject does not exist, or operation cannot be performed.');
  }
  const kinds = what === 'TABLES' ? "('BASE TABLE')" : what === 'VIEWS' ? "('VIEW')" : "('BASE TABLE', 'VIEW')";
  const reader = await session.connection.runAndReadAll(
    `SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = $1 AND table_schema = $2 AND table_type IN ${kinds} AND starts_with(table_name, $3) ORDER BY 1`,
    [state.catalog, schema, startsWith ?? ''],
  );
  const rows = reader.getRows().slice(0, limit ?? undefined);
  return {
    rowtype: text(['created_on', 'name', 'kind', 'database_name', 'schema_name', 'is_dynamic', 'is_iceberg']),
    rowset: rows.map(([name, type]) => [CREATED_ON, String(name), type === 'VIEW' ? 'VIEW' : 'TABLE', database, schema, 'N', 'N']),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}

function showParameters(context: ExecContext, editor: TokenEditor, from: number): StatementResult {
  const pattern = editor.kw(from) === 'LIKE' ? editor.at(from + 1) : undefined;
  const name = pattern?.kind === 'string' ? stringValue(pattern).toUpperCase() : undefined;
  const known: Record<string, string> = { QUERY_TAG: context.session.queryTag ?? '' };
  const keys = Object.keys(known).filter((k) => name === undefined || new RegExp(`^${name.replace(/%/g, '.*').replace(/_/g, '.')}$`).test(k));
  return {
    rowtype: text(['key', 'value', 'default', 'level', 'description', 'type']),
    rowset: keys.map((k) => [k, known[k]!, '', 'SESSION', '', 'STRING']),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}
