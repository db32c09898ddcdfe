import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicAdmin, TransactionStore } from '@ledgerline/ingestion';
import { type Transaction } from '@ledgerline/transactions';
import { generateTransactionStream } from '@ledgerline/transactions/generator';

// Shared by the stream benchmarks (benchmarks/stream-*.ts); not a benchmark itself.

/**
 * An endless stream of valid, unique transactions that costs almost nothing per event: a pool
 * from the seeded generator (whose own speed is not what is measured) replayed with a round
 * suffix on tx_id. The pool's objects are yielded again with tx_id rewritten in place (a copy per
 * event was ~1 CPU-second per 1M events of the producer's measured time), so a consumer must use
 * each transaction before it asks for the next -- as the producer does when it encodes it.
 */
export function* cycledTransactions(seed: number, poolSize = 20_000): Generator<Transaction> {
  const pool: Transaction[] = [];
  const source = generateTransactionStream({ seed, customers: 500, months: 1, startMonth: '2025-06', source: 'stream' });
  for (const tx of source) {
    pool.push(tx);
    if (pool.length >= poolSize) break;
  }
  const baseIds = pool.map((tx) => tx.tx_id);
  for (let round = 0; ; round += 1) {
    for (let i = 0; i < pool.length; i += 1) {
      const tx = pool[i]!;
      tx.tx_id = round === 0 ? baseIds[i]! : `${baseIds[i]!}.r${round}`;
      yield tx;
    }
  }
}

/**
 * The node flags an app's `serve` target starts it with (`node <flags> dist/apps/<app>/main.mjs` in
 * apps/<app>/project.json), so a benchmark runs the process exactly as deployed and follows any
 * change to them.
 */
export function serveNodeFlags(repoRoot: string, app: string): string[] {
  const project = JSON.parse(readFileSync(join(repoRoot, 'apps', app, 'project.json'), 'utf8')) as {
    targets?: { serve?: { options?: { command?: string } } };
  };
  const words = (project.targets?.serve?.options?.command ?? '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`apps/${app}: the serve target does not start plain node: ${words.join(' ')}`);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

/** Peak resident set size of a live process (Linux /proc VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * Waits until the stored offsets of the group reach the log end of every partition. Polls every
 * 50 ms: the end of a ~20 s run is then known to within 0.25% (two small queries per poll).
 */
export async function waitUntilDrained(
  store: TransactionStore,
  admin: TopicAdmin,
  groupId: string,
  topic: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [ends, stored] = await Promise.all([admin.endOffsets(topic), store.loadOffsets(groupId, topic)]);
    if (ends.every((e) => e.offset === '0' || stored.find((s) => s.partition === e.partition)?.offset === e.offset)) return;
    if (Date.now() > deadline) throw new Error(`sink did not drain in ${timeoutMs} ms: ends ${JSON.stringify(ends)}, stored ${JSON.stringify(stored)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
