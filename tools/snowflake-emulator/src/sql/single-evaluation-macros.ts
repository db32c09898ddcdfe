import { sqlString, TEXT_PATTERN } from './timestamp-tz.ts';

/**
 * DuckDB expands a macro by substituting its argument expression wherever the parameter occurs,
 * so `sf_tz_from_text(t)`, which names `t` seven times (and more through `sf_tz_build`), applied
 * to another conversion's result grows the expression several-fold per level. dbt's snapshot
 * staging query nests them through its CTEs: it took over 2 s of CPU to plan for 65 rows.
 * These `_once` variants bind the argument to a lambda parameter, so it appears once whatever
 * the body does with it (0.17 s for that query).
 *
 * They are used only in queries (SELECT, WITH, CREATE ... AS): DuckDB 1.5 fails lambdas inside
 * a MERGE's plan with an internal error ("Unrecognized expression type in logical operator
 * visitor"), so writes keep the plain macros of timestamp-tz.ts.
 */
const once = (arg: string, param: string, body: string) => `list_transform([${arg}], lambda ${param}: ${body})[1]`;

export function singleEvaluationMacros(): string[] {
  return [
    `CREATE OR REPLACE TEMP MACRO sf_tz_build_once(p) AS ${once(
      'p',
      'q',
      once(
        'sf_tz_offset_minutes(q.zone)',
        'm',
        `{'sf_utc': make_timestamp_ns(epoch_ns(CAST(q.day || ' ' || COALESCE(NULLIF(q.time, ''), '00:00:00') AS TIMESTAMP_NS)) - m * 60000000000),
          'sf_offset': CAST(m AS SMALLINT)}`,
      ),
    )}`,
    `CREATE OR REPLACE TEMP MACRO sf_tz_once(x) AS ${once(
      'CAST(x AS VARCHAR)',
      'v',
      `CASE
       WHEN v IS NULL THEN NULL
       WHEN starts_with(v, '{''sf_utc'': ') THEN {
         'sf_utc': CAST(regexp_extract(v, '''sf_utc'': ''([^'']*)''', 1) AS TIMESTAMP_NS),
         'sf_offset': CAST(regexp_extract(v, '''sf_offset'': (-?[0-9]+)', 1) AS SMALLINT)}
       WHEN regexp_full_match(v, ${sqlString(TEXT_PATTERN)}) THEN sf_tz_build_once(regexp_extract(v, ${sqlString(TEXT_PATTERN)}, ['day', 'time', 'zone']))
       ELSE error('Timestamp ''' || v || ''' is not recognized')
     END`,
    )}`,
    `CREATE OR REPLACE TEMP MACRO sf_ntz_once(x) AS ${once(
      'CAST(x AS VARCHAR)',
      'v',
      `CASE
       WHEN v IS NULL THEN NULL
       WHEN starts_with(v, '{''sf_utc'': ') THEN CAST(make_timestamp_ns(
         epoch_ns(CAST(regexp_extract(v, '''sf_utc'': ''([^'']*)''', 1) AS TIMESTAMP_NS)) + CAST(regexp_extract(v, '''sf_offset'': (-?[0-9]+)', 1) AS BIGINT) * 60000000000) AS TIMESTAMP)
       ELSE CAST(v AS TIMESTAMP)
     END`,
    )}`,
  ];
}

const QUERY_VERBS = new Set(['SELECT', 'WITH', 'CREATE']);

/** In a query, the conversions evaluate their argument once (see above); writes are left alone. */
export function preferSingleEvaluation(verb: string, duckSql: string): string {
  if (!QUERY_VERBS.has(verb)) return duckSql;
  return duckSql.replace(/\bsf_tz\(/g, 'sf_tz_once(').replace(/\bsf_ntz\(/g, 'sf_ntz_once(');
}
