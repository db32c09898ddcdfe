import { repoRoot } from '@ledgerline/testing';
import { flowsMain } from './flows-main.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI's own entry (what `pipeline:serve -- flows …` calls), in this process: a spawn per call cost ~20 s of tsx here. */
export async function flowsCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await flowsMain(args, {
    repoRoot: repoRoot(),
    env: { ...process.env, ...env },
    write: (line) => (stdout += `${line}\n`),
    writeError: (line) => (stderr += `${line}\n`),
  });
  return { code, stdout, stderr };
}

/** The data lines of a `flows history` table (after its header), as flow, state, attempts, day and the whole line. */
export function historyRows(stdout: string): Array<{ flow: string; state: string; attempts: string; day: string; line: string }> {
  const lines = stdout.trim().split('\n');
  const header = lines.findIndex((l) => l.startsWith('flow ') && l.includes('duration'));
  return lines.slice(header + 1).map((line) => {
    const [flow = '', , state = '', attempts = '', day = ''] = line.split(/\s{2,}/);
    return { flow, state, attempts, day, line };
  });
}

/** The flows an unknown-flow refusal names, sorted. */
export function knownFlows(stderr: string, asked: string): string[] {
  const match = new RegExp(`unknown flow '${asked}' \\(known: ([^)]+)\\)`).exec(stderr);
  if (!match?.[1]) throw new Error(`no unknown-flow refusal in: ${stderr}`);
  return match[1].split(', ').sort();
}

// dbt is off in these tests (DBT_ENABLED=false), so no dbt-incremental; the CDC stage is on (its landing-load).
export const NAMED_FLOWS = ['batch-ingest', 'batch-statements', 'landing-load', 'landing-reconcile', 'market-prices', 'warehouse-sync'];

/** The CLI's environment in tests: dbt off (its own tests), market data from the seeded synthetic sources, no real Kafka/Chroma/Gemini. */
export function cliEnv(store: { DATABASE_URL: string; DATA_DIR: string }): Record<string, string> {
  return {
    ...store,
    DBT_ENABLED: 'false',
    PIPELINE_MARKET_ENABLED: 'true',
    MARKET_SOURCES: 'synthetic',
    KAFKA_BROKERS: '',
    CHROMA_URL: '',
    GOOGLE_API_KEY: '',
    METRICS_PORT: '0',
    SYNC_INTERVAL_SECONDS: '30',
    LOG_LEVEL: 'warn',
  };
}

export const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
