import { identifierValue } from './tokenize.ts';
import type { TokenEditor } from './token-editor.ts';
import { translateTypeAt } from './translate-types.ts';

export interface DdlTranslation {
  /** Set when the statement creates a temporary table: its (unqualified) name. */
  createdTempTable?: string;
}

const TABLE_CONSTRAINT_STARTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK']);

/**
 * CREATE TABLE in Snowflake's dialect -> DuckDB:
 * - TRANSIENT is dropped; TEMPORARY/TEMP/VOLATILE/LOCAL TEMPORARY become TEMP, and the temp
 *   table loses its schema qualifier (DuckDB keeps temp tables in their own catalog).
 * - PRIMARY KEY / UNIQUE / FOREIGN KEY are dropped: Snowflake does not enforce them, and an
 *   emulator that did would reject loads that Snowflake accepts.
 * - column types are translated; column COMMENT '...' is dropped.
 * - table options after the column list (CLUSTER BY, COMMENT = , DATA_RETENTION_TIME_IN_DAYS,
 *   CHANGE_TRACKING, COPY GRANTS, ...) are dropped.
 * - CREATE TABLE x LIKE y becomes CREATE TABLE x AS SELECT * FROM y LIMIT 0.
 */
export function translateCreateTable(editor: TokenEditor): DdlTranslation {
  if (editor.kw(0) !== 'CREATE') return {};
  let i = 1;
  if (editor.kw(i) === 'OR' && editor.kw(i + 1) === 'REPLACE') i += 2;
  let temporary = false;
  while (['LOCAL', 'GLOBAL', 'TEMPORARY', 'TEMP', 'VOLATILE', 'TRANSIENT'].includes(editor.kw(i) ?? '')) {
    const word = editor.kw(i);
    if (word === 'TEMPORARY' || word === 'TEMP' || word === 'VOLATILE') {
      temporary = true;
      editor.set(i, 'TEMP');
    } else {
      editor.blank(i);
    }
    i++;
  }
  if (editor.kw(i) !== 'TABLE') return {};
  i++;
  if (editor.kw(i) === 'IF' && editor.kw(i + 1) === 'NOT' && editor.kw(i + 2) === 'EXISTS') i += 3;
  // Qualified name: a(.b(.c)); for temp tables keep only the last part.
  const nameStart = i;
  while (editor.isName(i) && editor.isOp(i + 1, '.') && editor.isName(i + 2)) i += 2;
  const nameToken = editor.at(i);
  if (!nameToken || !editor.isName(i)) return {};
  if (temporary && i > nameStart) editor.blankRange(nameStart, i - 1);
  const result: DdlTranslation = temporary ? { createdTempTable: identifierValue(nameToken) } : {};
  i++;

  if (editor.kw(i) === 'LIKE') {
    editor.set(i, 'AS SELECT * FROM');
    const last = editor.length - 1;
    editor.set(last, `${editor.at(last)?.text ?? ''} LIMIT 0`);
    return result;
  }
  if (editor.isOp(i, '(')) {
    const close = editor.matchingClose(i);
    if (close === -1) return result;
    translateColumnList(editor, i, close);
    i = close + 1;
  }
  // Drop table options up to AS (CTAS) or the end.
  let end = i;
  while (end < editor.length && editor.kw(end) !== 'AS') end++;
  if (end > i) editor.blankRange(i, end - 1);
  return result;
}

function translateColumnList(editor: TokenEditor, open: number, close: number): void {
  const commas = editor.topLevelCommas(open, close);
  const bounds = [open, ...commas, close];
  for (let k = 0; k < bounds.length - 1; k++) {
    const start = bounds[k]! + 1;
    const end = bounds[k + 1]! - 1;
    if (start > end) continue;
    if (TABLE_CONSTRAINT_STARTS.has(editor.kw(start) ?? '')) {
      // A whole table constraint: drop it with the comma before it (or after it if first).
      const separator = k > 0 ? bounds[k]! : bounds[k + 1]!;
      editor.blankRange(start, end);
      if (separator !== close) editor.blank(separator);
      continue;
    }
    translateColumnDefinition(editor, start, end);
  }
}

/** `name type [options]`: translate the type, drop key constraints and comments. */
function translateColumnDefinition(editor: TokenEditor, start: number, end: number): void {
  let i = translateTypeAt(editor, start + 1);
  while (i <= end) {
    const word = editor.kw(i);
    if (word === 'PRIMARY' && editor.kw(i + 1) === 'KEY') {
      editor.blankRange(i, i + 1);
      i += 2;
    } else if (word === 'UNIQUE') {
      editor.blank(i);
      i++;
    } else if (word === 'CONSTRAINT' && editor.isName(i + 1)) {
      editor.blankRange(i, i + 1);
      i += 2;
    } else if (word === 'REFERENCES') {
      let j = i + 1;
      while (j <= end && (editor.isName(j) || editor.isOp(j, '.'))) j++;
      if (editor.isOp(j, '(')) j = editor.matchingClose(j) + 1;
      editor.blankRange(i, j - 1);
      i = j;
    } else if (word === 'COMMENT' && editor.at(i + 1)?.kind === 'string') {
      editor.blankRange(i, i + 1);
      i += 2;
    } else {
      i++;
    }
  }
}

/** ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] name type / ALTER [COLUMN] name [SET DATA] TYPE type. */
export function translateAlterTable(editor: TokenEditor): void {
  if (editor.kw(0) !== 'ALTER' || editor.kw(1) !== 'TABLE') return;
  for (let i = 2; i < editor.length; i++) {
    const word = editor.kw(i);
    if (word === 'ADD') {
      let j = i + 1;
      if (editor.kw(j) === 'COLUMN') j++;
      if (editor.kw(j) === 'IF' && editor.kw(j + 1) === 'NOT' && editor.kw(j + 2) === 'EXISTS') j += 3;
      if (editor.isName(j)) translateTypeAt(editor, j + 1);
    } else if (word === 'TYPE') {
      translateTypeAt(editor, i + 1);
    }
  }
}
