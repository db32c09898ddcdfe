import { parseArgs } from 'node:util';
import { BarIntervalSchema, SEED_ASSETS, type BarInterval } from '@ledgerline/market-data';
import { UsageError } from '@ledgerline/config';

export const USAGE = `Usage: nx run market:serve -- <command> [options]

Market data: prices and news from Binance, CoinGecko, Yahoo and news feeds (or their seeded
stand-ins, MARKET_SOURCES=synthetic, the default) into the warehouse's RAW tables.

Commands:
  backfill --from DATE --to DATE   load [from, to) from every source; rerunning a range changes nothing
      --intervals 1d,24h           bar intervals (1m, 5m, 1h, 1d, 24h; default 1d,24h)
      --symbols BTC,ETH,AAPL       only these assets (default: the 70 seed assets)
      --no-news                    skip news
  stream                           publish each completed 1-minute bar to the Kafka topic 'prices'
                                   (KAFKA_BROKERS), or without Kafka land them straight into RAW
      --poll-ms 5000               how often to look for completed minutes
      --rounds N                   stop after N rounds (default: until SIGINT/SIGTERM)
      --symbols BTC,ETH
  sources                          per source: last run, last success, last error, quarantined responses
      --quarantined                also list every quarantined response (source, field, reason)
  --help, -h                       this text

DATE is YYYY-MM-DD or an ISO-8601 UTC instant. Exit codes: 0 ok; 1 a source failed or refused
(the others were still loaded); 2 bad arguments or configuration.`;

export type MarketCommand =
  | { command: 'help' }
  | { command: 'backfill'; from: string; to: string; intervals: BarInterval[]; symbols: string[]; news: boolean }
  | { command: 'stream'; pollMs: number; rounds: number | undefined; symbols: string[] }
  | { command: 'sources'; quarantined: boolean };

const KNOWN_SYMBOLS = new Set(SEED_ASSETS.map((a) => a.symbol));

function instant(flag: string, text: string | undefined): string {
  if (text === undefined) throw new UsageError(`${flag} is required`);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) throw new UsageError(`${flag} ${text}: expected YYYY-MM-DD or an ISO-8601 instant with a zone`);
  return new Date(ms).toISOString();
}

function list(text: string | undefined): string[] | undefined {
  return text?.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}

function symbols(text: string | undefined): string[] {
  const given = list(text);
  if (!given) return SEED_ASSETS.map((a) => a.symbol);
  const unknown = given.filter((s) => !KNOWN_SYMBOLS.has(s.toUpperCase()));
  if (unknown.length > 0) throw new UsageError(`--symbols: not in the asset list: ${unknown.join(', ')}`);
  return given.map((s) => s.toUpperCase());
}

function positiveInt(flag: string, text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} ${text}: expected a positive integer`);
  return Number(text);
}

/** Parses the command line; throws UsageError with a readable reason. */
export function parseCliArgs(argv: readonly string[]): MarketCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        intervals: { type: 'string' },
        symbols: { type: 'string' },
        'no-news': { type: 'boolean', default: false },
        'poll-ms': { type: 'string' },
        rounds: { type: 'string' },
        quarantined: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  switch (command) {
    case 'backfill': {
      const from = instant('--from', values.from);
      const to = instant('--to', values.to);
      if (from >= to) throw new UsageError(`--from ${from} must be before --to ${to}`);
      const intervals = (list(values.intervals) ?? ['1d', '24h']).map((interval) => {
        const checked = BarIntervalSchema.safeParse(interval);
        if (!checked.success) throw new UsageError(`--intervals: ${interval} is not one of ${BarIntervalSchema.options.join(', ')}`);
        return checked.data;
      });
      return { command, from, to, intervals, symbols: symbols(values.symbols), news: !values['no-news'] };
    }
    case 'stream':
      return { command, pollMs: positiveInt('--poll-ms', values['poll-ms'], 5000) as number, rounds: positiveInt('--rounds', values.rounds, undefined), symbols: symbols(values.symbols) };
    case 'sources':
      return { command, quarantined: values.quarantined ?? false };
    case undefined:
      throw new UsageError('name a command: backfill, stream or sources');
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}
