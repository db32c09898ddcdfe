import { SqlRejectedError } from './sql-rejected-error.ts';
import { tokenizeSql, type SqlLexicon, type SqlToken } from './sql-tokens.ts';

export interface ReadOnlySqlRules {
  /** Rows the caller wants at most; the wrapped statement asks for maxRows + 1 to detect more. */
  readonly maxRows: number;
  /** Relations that may be read (`schema.name` or a bare `name`, any case); unset = any. */
  readonly allowedRelations?: readonly string[];
  /** Whose SQL it is (default 'standard': PostgreSQL and DuckDB); 'trino' reads Trino's lexical rules and also refuses TRINO_FORBIDDEN_KEYWORDS. */
  readonly dialect?: SqlLexicon;
  /**
   * Trino: the session's catalog and the other catalogs a query may name. A three-part name
   * `catalog.schema.table` must use one of them (the current one always may, and is compared with
   * the allow-list without its catalog); a name of any other catalog - `system`, another
   * database's connector - is refused. Required with dialect 'trino'.
   */
  readonly catalogs?: { readonly current: string; readonly allowed?: readonly string[] };
}

export interface ValidatedSql {
  /** The statement to run: the original, wrapped with LIMIT maxRows + 1. */
  readonly sql: string;
  /** The original statement without trailing semicolons. */
  readonly statement: string;
  /** Relations it reads (lower case, as written: `raw.transactions` or `transactions`), CTE names excluded. */
  readonly relations: readonly string[];
  readonly maxRows: number;
  /** The LIMIT in `sql`: maxRows + 1, so that one extra row says the result was truncated. */
  readonly fetchLimit: number;
}

// Statement keywords that write, change settings or touch files; refused anywhere in the text
// (outside strings, quoted identifiers and comments), which also covers data-modifying CTEs
// (`WITH x AS (DELETE ...)`), SELECT ... INTO and SELECT ... FOR UPDATE.
const FORBIDDEN_KEYWORDS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'TRUNCATE', 'CREATE', 'DROP', 'ALTER', 'RENAME', 'COMMENT',
  'GRANT', 'REVOKE', 'PRAGMA', 'ATTACH', 'DETACH', 'COPY', 'INSTALL', 'LOAD', 'EXPORT', 'IMPORT', 'SET', 'RESET',
  'CALL', 'EXECUTE', 'PREPARE', 'DEALLOCATE', 'VACUUM', 'CHECKPOINT', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT',
  'USE', 'LOCK', 'LISTEN', 'NOTIFY', 'UNLISTEN', 'REFRESH', 'INTO', 'DO',
  // Statement forms DuckDB also accepts as subqueries; each reads a relation without FROM.
  'TABLE', 'SHOW', 'DESCRIBE', 'SUMMARIZE', 'EXPLAIN', 'PIVOT', 'UNPIVOT',
]);

// Trino statement forms a SELECT could carry: inline SQL routines (`WITH FUNCTION f() ... SELECT`),
// session settings (`WITH SESSION x = ...`), and privileges (DENY, like GRANT/REVOKE above).
// Table functions (`TABLE(pg.system.query(...))`, which passes raw SQL to PostgreSQL) need TABLE,
// already refused; procedures (`CALL system.sync_partition_metadata(...)`) need CALL.
const TRINO_FORBIDDEN_KEYWORDS = new Set(['FUNCTION', 'SESSION', 'DENY']);

// Functions that read files, the environment or run SQL given as text (DuckDB and Postgres).
const FORBIDDEN_FUNCTIONS = new Set([
  'GLOB', 'QUERY', 'QUERY_TABLE', 'SNIFF_CSV', 'GETENV', 'SET_CONFIG', 'DBLINK', 'DBLINK_EXEC', 'LO_IMPORT', 'LO_EXPORT',
  'CURRENT_SETTING', 'DUCKDB_SECRETS', 'WHICH_SECRET', 'LOAD_EXTENSION', 'CSV_SCAN', 'ICEBERG_SCAN', 'DELTA_SCAN',
]);
const FORBIDDEN_FUNCTION_PREFIXES = ['READ_', 'PARQUET_', 'PG_', 'JSON_SCAN', 'SQLITE_', 'POSTGRES_', 'MYSQL_'];

// Table functions that only compute (never read storage): allowed in FROM even with an allow-list.
const SAFE_TABLE_FUNCTIONS = new Set(['GENERATE_SERIES', 'RANGE', 'UNNEST']);

// Functions whose argument syntax contains FROM (`extract(year FROM ts)`), which is not a FROM clause.
const FROM_SYNTAX_FUNCTIONS = new Set(['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION']);

// Words that end a FROM list at its own nesting level. JOIN ... ON does not: a comma after a
// join condition (`FROM a JOIN b ON ..., c`) still adds a relation.
const FROM_LIST_END = new Set([
  'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'WINDOW', 'QUALIFY', 'UNION', 'INTERSECT', 'EXCEPT',
  'FETCH', 'SELECT',
]);

/**
 * The read-only SQL guard (architecture §4, the agent's `sql` tool and `analytics query`):
 * exactly one statement, starting with SELECT or WITH; no statement keyword that writes or
 * changes state; no file, environment or dynamic-SQL functions; no bind parameters; every
 * relation in FROM/JOIN on the allow-list when one is given. Returns the statement wrapped as
 * `SELECT * FROM (<statement>) LIMIT maxRows + 1`. Rejections are SqlRejectedError with a reason.
 *
 * Lexical, not a full parser: it errs on the side of refusing. Adapters should also run the
 * result on a read-only connection (defence in depth).
 */
export function validateReadOnlySql(sql: string, rules: ReadOnlySqlRules): ValidatedSql {
  if (!Number.isInteger(rules.maxRows) || rules.maxRows < 1) {
    throw new SqlRejectedError('invalid_limit', `maxRows must be a positive integer, got ${rules.maxRows}`);
  }
  const dialect = rules.dialect ?? 'standard';
  if (dialect === 'trino' && !rules.catalogs) throw new SqlRejectedError('catalog_not_allowed', 'Trino SQL needs the session catalog to check names against');
  const tokens = tokenizeSql(sql, dialect);
  while (tokens.length > 0 && isSymbol(tokens[tokens.length - 1], ';')) tokens.pop();
  if (tokens.length === 0) throw new SqlRejectedError('empty', 'no statement given');
  const semicolon = tokens.find((t) => isSymbol(t, ';'));
  if (semicolon) {
    throw new SqlRejectedError('multiple_statements', `only one statement is allowed (a second one starts after offset ${semicolon.offset})`);
  }
  const first = tokens.find((t) => !isSymbol(t, '('));
  if (!first || first.kind !== 'word' || (first.text !== 'SELECT' && first.text !== 'WITH')) {
    throw new SqlRejectedError('not_a_select', `only SELECT or WITH queries may run, not ${describe(first)}`);
  }
  checkWordsAndFunctions(tokens, dialect);
  const relations = rules.catalogs ? resolveCatalogs(findRelations(tokens), rules.catalogs) : findRelations(tokens);
  if (rules.allowedRelations) checkAllowed(relations, rules.allowedRelations);

  const last = tokens[tokens.length - 1] as SqlToken;
  const statement = sql.slice(0, last.end).trim();
  const fetchLimit = rules.maxRows + 1;
  // The newline keeps a trailing `-- comment` of the statement from swallowing the wrapper.
  return {
    sql: `SELECT * FROM (\n${statement}\n) AS read_only_query LIMIT ${fetchLimit}`,
    statement,
    relations: [...new Set(relations.map((r) => r.name))],
    maxRows: rules.maxRows,
    fetchLimit,
  };
}

function checkWordsAndFunctions(tokens: readonly SqlToken[], dialect: SqlLexicon): void {
  tokens.forEach((token, index) => {
    if (token.kind === 'parameter') {
      throw new SqlRejectedError('parameters', `bind parameters (${token.text}) are not supported; write the values into the query`);
    }
    if (token.kind !== 'word' || isSymbol(tokens[index - 1], '.')) return; // t.set is a column, not SET
    if (FORBIDDEN_KEYWORDS.has(token.text) || (dialect === 'trino' && TRINO_FORBIDDEN_KEYWORDS.has(token.text))) {
      throw new SqlRejectedError('forbidden_keyword', `${token.text} is not allowed in a read-only query`);
    }
    if (isSymbol(tokens[index + 1], '(') && isForbiddenFunction(token.text)) {
      throw new SqlRejectedError('forbidden_function', `${token.text.toLowerCase()}() reads outside the database and is not allowed`);
    }
  });
}

function isForbiddenFunction(name: string): boolean {
  return FORBIDDEN_FUNCTIONS.has(name) || FORBIDDEN_FUNCTION_PREFIXES.some((prefix) => name.startsWith(prefix));
}

interface RelationRef {
  readonly name: string;
  /** The dotted parts of the name (a quoted part may itself contain a dot). */
  readonly parts: readonly string[];
  readonly offset: number;
}

/**
 * Trino names: `catalog.schema.table` must be in the current or an allowed catalog; the current
 * catalog's prefix is dropped so `lake.raw.transactions` matches `raw.transactions` on the allow-list.
 */
function resolveCatalogs(relations: readonly RelationRef[], catalogs: NonNullable<ReadOnlySqlRules['catalogs']>): RelationRef[] {
  const current = catalogs.current.toLowerCase();
  const allowed = new Set([current, ...(catalogs.allowed ?? []).map((c) => c.toLowerCase())]);
  return relations.map((relation) => {
    if (relation.parts.length > 3) throw new SqlRejectedError('syntax', `${relation.name} has more parts than catalog.schema.table`);
    if (relation.parts.length < 3) return relation;
    const catalog = (relation.parts[0] as string).toLowerCase();
    if (!allowed.has(catalog)) {
      throw new SqlRejectedError('catalog_not_allowed', `${relation.name} is in catalog ${catalog}; only ${[...allowed].sort().join(', ')} may be read`);
    }
    if (catalog !== current) return relation;
    const parts = relation.parts.slice(1);
    return { ...relation, parts, name: parts.join('.').toLowerCase() };
  });
}

interface Level {
  /** The word right before this level's `(`, when it is a function call. */
  readonly opener: string | undefined;
  sawSelect: boolean;
  /** Inside a FROM list at this level: a `,` starts another relation. */
  inFromList: boolean;
}

/** Relations read by FROM/JOIN (and FROM-list commas), minus names the WITH clause defines. */
function findRelations(tokens: readonly SqlToken[]): RelationRef[] {
  const cteNames = new Set<string>();
  const relations: RelationRef[] = [];
  const levels: Level[] = [{ opener: undefined, sawSelect: false, inFromList: false }];
  const level = () => levels[levels.length - 1] as Level;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SqlToken;
    if (isSymbol(token, '(')) {
      const before = tokens[i - 1];
      levels.push({ opener: before?.kind === 'word' ? before.text : undefined, sawSelect: false, inFromList: false });
      continue;
    }
    if (isSymbol(token, ')')) {
      if (levels.length > 1) levels.pop();
      continue;
    }
    if (token.kind !== 'word' && !(isSymbol(token, ',') && level().inFromList)) continue;
    if (token.kind === 'word' && isCteDefinition(tokens, i)) cteNames.add(token.text.toLowerCase());
    if (token.kind === 'word' && token.text === 'SELECT') level().sawSelect = true;
    if (token.kind === 'word' && FROM_LIST_END.has(token.text)) level().inFromList = false;

    const startsRelation =
      (token.kind === 'word' && token.text === 'JOIN') ||
      (token.kind === 'word' && token.text === 'FROM' && isFromClause(tokens, i, level())) ||
      isSymbol(token, ',');
    if (!startsRelation) continue;
    if (token.kind === 'word' && token.text === 'FROM') level().inFromList = true;
    const ref = readRelation(tokens, i + 1);
    if (ref) relations.push(ref);
  }
  return relations.filter((r) => !cteNames.has(r.name));
}

/** `name AS (` or `name (cols) AS (` right after WITH, RECURSIVE or a comma. */
function isCteDefinition(tokens: readonly SqlToken[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before || !(isWord(before, 'WITH') || isWord(before, 'RECURSIVE') || isSymbol(before, ','))) return false;
  let j = i + 1;
  if (isSymbol(tokens[j], '(')) {
    while (j < tokens.length && !isSymbol(tokens[j], ')')) j += 1;
    j += 1;
  }
  return isWord(tokens[j], 'AS') && (isSymbol(tokens[j + 1], '(') || isWord(tokens[j + 1], 'MATERIALIZED') || isWord(tokens[j + 1], 'NOT'));
}

/** FROM starts a relation list unless it is `IS [NOT] DISTINCT FROM` or part of extract(x FROM y). */
function isFromClause(tokens: readonly SqlToken[], i: number, current: Level): boolean {
  if (isWord(tokens[i - 1], 'DISTINCT') && (isWord(tokens[i - 2], 'IS') || isWord(tokens[i - 2], 'NOT'))) return false;
  return !(current.opener !== undefined && FROM_SYNTAX_FUNCTIONS.has(current.opener) && !current.sawSelect);
}

/** The relation starting at tokens[i]: a dotted name, or a table function; undefined for a subquery. */
function readRelation(tokens: readonly SqlToken[], start: number): RelationRef | undefined {
  let i = start;
  while (isWord(tokens[i], 'LATERAL') || isWord(tokens[i], 'ONLY')) i += 1;
  const first = tokens[i];
  if (!first || isSymbol(first, '(')) return undefined; // a subquery: its own FROMs are scanned too
  if (first.kind === 'string') throw new SqlRejectedError('file_access', `reading a file or URL ('${first.text}') is not allowed`);
  if (first.kind !== 'word' && first.kind !== 'identifier') {
    throw new SqlRejectedError('syntax', `expected a relation after FROM/JOIN at offset ${first.offset}`);
  }
  const parts = [nameOf(first)];
  let j = i + 1;
  while (isSymbol(tokens[j], '.') && (tokens[j + 1]?.kind === 'word' || tokens[j + 1]?.kind === 'identifier')) {
    parts.push(nameOf(tokens[j + 1] as SqlToken));
    j += 2;
  }
  if (isSymbol(tokens[j], '(')) {
    const fn = parts.join('.').toUpperCase();
    if (parts.length === 1 && SAFE_TABLE_FUNCTIONS.has(fn)) return undefined;
    throw new SqlRejectedError('relation_not_allowed', `table function ${fn.toLowerCase()}() is not allowed`);
  }
  return { name: parts.join('.').toLowerCase(), parts, offset: first.offset };
}

function checkAllowed(relations: readonly RelationRef[], allowed: readonly string[]): void {
  const allowSet = new Set(allowed.map((a) => a.trim().toLowerCase()));
  const refused = [...new Set(relations.filter((r) => !allowSet.has(r.name)).map((r) => r.name))];
  if (refused.length > 0) {
    throw new SqlRejectedError(
      'relation_not_allowed',
      `${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not on the allow-list (${[...allowSet].sort().join(', ') || 'empty'})`,
    );
  }
}

function nameOf(token: SqlToken): string {
  return token.kind === 'word' ? token.text.toLowerCase() : token.text;
}

function isSymbol(token: SqlToken | undefined, symbol: string): boolean {
  return token?.kind === 'symbol' && token.text === symbol;
}

function isWord(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text === word;
}

function describe(token: SqlToken | undefined): string {
  if (!token) return 'nothing';
  return token.kind === 'word' ? token.text : `${token.kind} "${token.text}"`;
}
