import { isoDaySchema } from '@ledgerline/analytics';
import { parseArgvOrRefuse, UsageError } from '@ledgerline/config';
import { z } from 'zod';

export type AnalyticsCommand =
  | { readonly command: 'sync'; readonly full: boolean }
  | { readonly command: 'validate'; readonly from?: string; readonly to?: string }
  | { readonly command: 'stats'; readonly offline: boolean }
  | { readonly command: 'query'; readonly sql: string; readonly format: 'table' | 'json' | 'csv'; readonly maxRows: number }
  | { readonly command: 'help' };

export const USAGE = `Usage: nx run analytics:serve -- <command> [options]

Commands:
  sync [--full]             copy changes from Postgres into the analytics DuckDB file (through the
                            warehouse-sync engine); --full rebuilds it from scratch, moving a corrupt
                            file aside first. Prints rows/s.
  validate [--from D] [--to D]
                            compare per-day count, sum(amount) and content hash of Postgres and
                            DuckDB; prints every mismatching day and its rows; exit 1 on mismatch.
  stats [--offline]         row counts, date range, top categories, file size, last sync
                            (--offline: do not check Postgres).
  query "<SQL>" [--json | --csv] [--max-rows N]
                            one read-only SELECT/WITH (validated), table output by default;
                            says when the result was limited (default --max-rows 1000).
  help                      this text

Exit codes: 0 ok, 1 failure or validation mismatch (named), 2 bad arguments or configuration.`;

const maxRowsSchema = z.coerce.number().int().min(1).max(1_000_000);

/** Parses `<command> [options]`; throws a UsageError with a readable reason on anything unknown or invalid. */
export function parseCliArgs(argv: readonly string[]): AnalyticsCommand {
  const { values, positionals } = parseArgvOrRefuse({
    args: [...argv],
    options: {
      full: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      offline: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      'max-rows': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { command: 'help' };
  const allowOnly = (allowed: string[]) => {
    const given = Object.entries(values)
      .filter(([name, value]) => value !== undefined && value !== false && name !== 'help')
      .map(([name]) => name);
    const wrong = given.filter((name) => !allowed.includes(name));
    if (wrong.length > 0) throw new UsageError(`${command} does not take ${wrong.map((w) => `--${w}`).join(', ')}`);
  };
  const noPositionals = () => {
    if (rest.length > 0) throw new UsageError(`${command} takes no arguments (got ${rest.join(' ')})`);
  };
  switch (command) {
    case 'sync':
      allowOnly(['full']);
      noPositionals();
      return { command, full: values.full ?? false };
    case 'validate': {
      allowOnly(['from', 'to']);
      noPositionals();
      const day = (name: string, value: string | undefined) => {
        if (value === undefined) return undefined;
        if (!isoDaySchema.safeParse(value).success) throw new UsageError(`--${name}: expected a date YYYY-MM-DD, got ${value}`);
        return value;
      };
      const from = day('from', values.from);
      const to = day('to', values.to);
      if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      return { command, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
    case 'stats':
      allowOnly(['offline']);
      noPositionals();
      return { command, offline: values.offline ?? false };
    case 'query': {
      allowOnly(['json', 'csv', 'max-rows']);
      if (rest.length !== 1 || !rest[0]?.trim()) throw new UsageError('query takes exactly one SQL statement, quoted: query "SELECT ..."');
      if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
      const maxRows = maxRowsSchema.safeParse(values['max-rows'] ?? 1000);
      if (!maxRows.success) throw new UsageError(`--max-rows: expected an integer from 1 to 1000000, got ${values['max-rows']}`);
      return { command, sql: rest[0], format: values.json ? 'json' : values.csv ? 'csv' : 'table', maxRows: maxRows.data };
    }
    default:
      throw new UsageError(`unknown command ${command} (expected sync, validate, stats, query or help)`);
  }
}

