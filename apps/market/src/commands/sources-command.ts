import type { MarketWiring } from '../market-wiring.ts';

/** Per configured source: its last run, last success and how many responses are quarantined. */
export async function runSources(wiring: MarketWiring, args: { quarantined: boolean }, io: { write: (text: string) => void }): Promise<number> {
  const statuses = new Map((await wiring.store.sourceStatus()).map((s) => [s.source, s]));
  const lines = ['source     kind       last run                  outcome  last success              quarantined  last error'];
  for (const { source, recordSource } of wiring.sources) {
    const s = statuses.get(source.id);
    lines.push(
      [
        source.id.padEnd(10),
        recordSource.split(':')[0]?.padEnd(10),
        (s?.lastRunAt ?? 'never').padEnd(25),
        (s?.lastOutcome ?? '-').padEnd(8),
        (s?.lastSuccessAt ?? 'never').padEnd(25),
        String(s?.quarantined ?? 0).padEnd(12),
        s?.lastError ?? '',
      ].join(' ').trimEnd(),
    );
  }
  io.write(`${lines.join('\n')}\n`);
  if (args.quarantined) {
    const reports = await wiring.store.quarantined();
    io.write(reports.length === 0 ? 'no quarantined responses\n' : `${reports.map((r) => `${r.receivedAt} ${r.source} ${r.endpoint} field=${r.field}: ${r.reason}`).join('\n')}\n`);
  }
  return 0;
}
