"""Rules for SQL that permissive emulators (DuckDB underneath both tools/snowflake-emulator and
fakesnow) run but Snowflake rejects or runs differently. Each rule takes one statement parsed
with sqlglot's Snowflake dialect and yields findings (messages); snowflake-dialect.spec.ts holds a statement
each rule must catch and one it must let through."""

from collections.abc import Callable, Iterator

from sqlglot import exp

Rule = Callable[[exp.Expr], Iterator[str]]

FIXED_POINT = {exp.DataType.Type.DECIMAL, exp.DataType.Type.BIGDECIMAL}

# DuckDB functions with no Snowflake counterpart of that name (Snowflake: ARRAY_AGG, TO_CHAR,
# DATE_PART(EPOCH_MILLISECOND, ...)).
DUCKDB_ONLY_FUNCTIONS = {"LIST", "STRFTIME", "EPOCH_MS", "LIST_VALUE", "STRPTIME", "ROUND_EVEN", "REGEXP_FULL_MATCH"}

# Types Snowflake has (as sqlglot names them after reading Snowflake SQL).
T = exp.DataType.Type
SNOWFLAKE_TYPES = {
    T.BIGINT, T.INT, T.SMALLINT, T.TINYINT, T.DECIMAL, T.DOUBLE, T.FLOAT, T.VARCHAR, T.CHAR, T.TEXT,
    T.NCHAR, T.NVARCHAR, T.BINARY, T.VARBINARY, T.BOOLEAN, T.DATE, T.TIME, T.DATETIME, T.TIMESTAMP,
    T.TIMESTAMPTZ, T.TIMESTAMPLTZ, T.TIMESTAMPNTZ, T.VARIANT, T.OBJECT, T.ARRAY, T.GEOGRAPHY,
    T.GEOMETRY, T.VECTOR, T.STRUCT, T.MAP, T.FILE,
}


def rounding_mode_on_non_fixed_point(statement: exp.Expr) -> Iterator[str]:
    """ROUND(x, scale, 'HALF_TO_EVEN'): Snowflake accepts a rounding mode only for fixed-point x."""
    for node in statement.find_all(exp.Round):
        if node.args.get("truncate") is None:
            continue
        arg = node.this
        fixed = isinstance(arg, (exp.Cast, exp.TryCast)) and arg.to.this in FIXED_POINT
        literal = isinstance(arg, exp.Literal) and not arg.is_string and "e" not in arg.this.lower()
        if not (fixed or literal):
            yield f"ROUND with a rounding mode needs fixed-point input; cast it to NUMBER first: {node.sql(dialect='snowflake')[:120]}"


def duckdb_only_functions(statement: exp.Expr) -> Iterator[str]:
    for node in statement.find_all(exp.Func):
        name = node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name().upper()
        if isinstance(node, exp.List) or name in DUCKDB_ONLY_FUNCTIONS:
            yield f"DuckDB-only function {name or 'LIST'}(): {node.sql(dialect='snowflake')[:80]}"


def duckdb_only_statements(statement: exp.Expr) -> Iterator[str]:
    if isinstance(statement, exp.Insert):
        if statement.args.get("conflict") is not None:
            yield "INSERT ... ON CONFLICT: Snowflake has no upsert clause (use MERGE)"
        if statement.args.get("alternative"):
            yield f"INSERT OR {statement.args['alternative'].upper()}: not Snowflake syntax (use MERGE)"


def casts_to_missing_types(statement: exp.Expr) -> Iterator[str]:
    for node in statement.find_all(exp.Cast, exp.TryCast):
        if node.to.this not in SNOWFLAKE_TYPES:
            yield f"cast to {node.to.sql(dialect='duckdb')}, a type Snowflake lacks: {node.sql(dialect='snowflake')[:80]}"


def unquoted_mixed_case(statement: exp.Expr) -> Iterator[str]:
    """Snowflake upper-cases unquoted names: `myCol` is MYCOL, which misleads a reader and breaks
    against a quoted "myCol". Write such names in one case, or quote them."""
    for node in statement.find_all(exp.Identifier):
        text = node.this
        if not node.quoted and text != text.upper() and text != text.lower():
            yield f"unquoted identifier mixing case: {text}"


def _source_key_columns(merge: exp.Merge, alias: str) -> set[str]:
    keys = set()
    for column in merge.args["on"].find_all(exp.Column):
        if column.table.upper() == alias.upper() or not column.table:
            keys.add(column.name.upper())
    return keys


def merge_source_not_deduplicated(statement: exp.Expr) -> Iterator[str]:
    """A MERGE source with two rows for one key fails in Snowflake (ERROR_ON_NONDETERMINISTIC_MERGE)
    or inserts twice; the source must prove one row per key."""
    for merge in statement.find_all(exp.Merge):
        source = merge.args["using"]
        alias = source.alias_or_name
        keys = _source_key_columns(merge, alias)
        query = source.this if isinstance(source, exp.Subquery) else None
        if not isinstance(query, exp.Select):
            yield f"MERGE source {source.sql(dialect='snowflake')[:60]} is not a query that keeps one row per key {sorted(keys)}"
            continue
        if query.args.get("from_") is None:
            continue  # one row of literals or binds
        grouped = {e.name.upper() for e in (query.args.get("group").expressions if query.args.get("group") else [])}
        partitioned = set()
        qualify = query.args.get("qualify")
        if qualify is not None:
            for window in qualify.find_all(exp.Window):
                if isinstance(window.this, exp.RowNumber):
                    partitioned |= {p.name.upper() for p in window.args.get("partition_by") or []}
        if not (keys and (keys <= grouped or keys <= partitioned)):
            yield f"MERGE source is not deduplicated by its key {sorted(keys)} (QUALIFY ROW_NUMBER() OVER (PARTITION BY key ...) = 1)"


RULES: dict[str, Rule] = {
    "rounding-mode-on-float": rounding_mode_on_non_fixed_point,
    "duckdb-only-function": duckdb_only_functions,
    "duckdb-only-statement": duckdb_only_statements,
    "cast-to-missing-type": casts_to_missing_types,
    "unquoted-mixed-case": unquoted_mixed_case,
    "merge-source-not-deduplicated": merge_source_not_deduplicated,
}
