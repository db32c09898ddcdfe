import { refuseDuckDbOnly } from './refuse-duckdb-only.ts';
import { TokenEditor } from './token-editor.ts';
import { translateAlterTable, translateCreateTable } from './translate-ddl.ts';
import { translateFunctions, type SessionFacts } from './translate-functions.ts';
import {
  stripDatabaseFromSchemaName,
  stripDatabaseQualifiers,
  stripTempTableQualifiers,
  translateBinds,
  unqualifySetTargets,
  upperCaseWords,
} from './translate-names.ts';
import { translateExpressionTypes } from './translate-types.ts';

export interface TranslationContext {
  /** Database names (upper case) whose `DB.` prefix is dropped. */
  databases: ReadonlySet<string>;
  /** The session's temporary tables (upper case). */
  tempTables: ReadonlySet<string>;
  facts: SessionFacts;
}

export interface Translation {
  sql: string;
  /** Highest bind parameter number ($n) the statement uses; 0 without binds. */
  parameterCount: number;
  createdTempTable?: string;
}

/** Rewrites one Snowflake statement into DuckDB SQL (see README "SQL translation"). */
export function translateToDuckDb(sql: string, context: TranslationContext): Translation {
  // Pass 1: lexical rewrites that later passes rely on (upper-case names, $n binds).
  const lexical = new TokenEditor(sql);
  refuseDuckDbOnly(lexical);
  const parameterCount = translateBinds(lexical);
  upperCaseWords(lexical);
  stripDatabaseQualifiers(lexical, context.databases);
  schemaStatementNames(lexical, context.databases);

  // Pass 2: DDL shapes (CREATE TABLE / ALTER TABLE) on the re-tokenized text.
  const ddlPass = new TokenEditor(lexical.toSql());
  const ddl = translateCreateTable(ddlPass);
  translateAlterTable(ddlPass);

  // Pass 3: expressions; re-tokenized so that blanked tokens no longer sit between names.
  const structural = new TokenEditor(ddlPass.toSql());
  stripTempTableQualifiers(structural, context.tempTables);
  // Functions before types: a type conversion wraps its operand's first token (`sf_ntz(X`),
  // which would hide a function name there from translateFunctions.
  translateFunctions(structural, context.facts);
  translateExpressionTypes(structural);
  unqualifySetTargets(structural);

  const translation: Translation = { sql: structural.toSql().trim(), parameterCount };
  if (ddl.createdTempTable) translation.createdTempTable = ddl.createdTempTable;
  return translation;
}

/** CREATE/DROP SCHEMA [IF [NOT] EXISTS] DB.S -> S. */
function schemaStatementNames(editor: TokenEditor, databases: ReadonlySet<string>): void {
  const verb = editor.kw(0);
  if (verb !== 'CREATE' && verb !== 'DROP') return;
  let i = 1;
  if (editor.kw(i) === 'OR' && editor.kw(i + 1) === 'REPLACE') i += 2;
  if (editor.kw(i) === 'TRANSIENT') {
    editor.blank(i);
    i++;
  }
  if (editor.kw(i) !== 'SCHEMA') return;
  i++;
  if (editor.kw(i) === 'IF') i += editor.kw(i + 1) === 'NOT' ? 3 : 2;
  stripDatabaseFromSchemaName(editor, i, databases);
}
