import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import type { ChangeLogMessage } from '../../ports/landing-ports.port.ts';
import { InMemoryObjectStore, JsonLinesParquetFake, ScriptedChangeLogReader } from './fake-landing.test-helper.ts';
import { runLandingWriter, type LandingWriter } from './run-landing-writer.ts';

const TOPIC = 'll.public.accounts';
const DAY = Date.UTC(2026, 11, 6, 10);

function message(offset: number, id = offset): ChangeLogMessage {
  const value = {
    before: null,
    after: { id, balance: '10.00' },
    op: 'c',
    ts_ms: DAY + offset,
    source: { connector: 'postgresql', db: 'l', schema: 'public', table: 'accounts', lsn: 1000 + offset, txId: 7, ts_ms: DAY + offset, snapshot: 'false' },
  };
  return { offset: BigInt(offset), key: JSON.stringify({ id }), value: Buffer.from(JSON.stringify(value)) };
}
const batch = (from: number, to: number, partition = 0) => ({ topic: TOPIC, partition, messages: Array.from({ length: to - from + 1 }, (_, i) => message(from + i)) });

describe('runLandingWriter', () => {
  let scratch: string;
  let clock: number;
  let writer: LandingWriter | undefined;
  let store: InMemoryObjectStore;
  let reader: ScriptedChangeLogReader;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'landing-spec-'));
    clock = 0;
    store = new InMemoryObjectStore();
    reader = new ScriptedChangeLogReader();
  });
  afterEach(async () => {
    await writer?.stop();
    writer = undefined;
    await rm(scratch, { recursive: true, force: true });
  });
  const start = (rollMs: number, rollBytes: number, extra: { afterUpload?: (key: string) => Promise<void> } = {}) =>
    runLandingWriter(
      { reader, store, parquet: new JsonLinesParquetFake(), logger: silentLogger, scratchDir: scratch, now: () => clock, ...extra },
      { topics: [TOPIC], groupId: 'g', prefix: 'cdc', rollMs, rollBytes, tickMs: 5 },
    );

  it('rolls by size: a file closes once its events reach the byte limit, and its offsets commit after the upload', async () => {
    const bytes = message(0).value?.length ?? 0;
    writer = await start(60_000, bytes * 3);
    await reader.deliver(batch(0, 7));
    expect([...store.objects.keys()]).toEqual(['cdc/public.accounts/dt=2026-12-06/0-0-2.parquet', 'cdc/public.accounts/dt=2026-12-06/0-3-5.parquet']);
    expect(reader.commits.map((c) => c.next)).toEqual([3n, 6n]);
    expect(writer.stats().rolledBy).toMatchObject({ size: 2, time: 0 });
  });

  it('rolls by time: a file closes rollMs after its first event even when few arrive', async () => {
    writer = await start(1_000, 1e9);
    await reader.deliver(batch(0, 1));
    clock = 999;
    await new Promise((r) => setTimeout(r, 30));
    expect(store.objects.size).toBe(0);
    clock = 1_000;
    await expect.poll(() => store.objects.size).toBe(1);
    expect([...store.objects.keys()]).toEqual(['cdc/public.accounts/dt=2026-12-06/0-0-1.parquet']);
    expect(reader.commits).toEqual([{ topic: TOPIC, partition: 0, next: 2n }]);
    expect(writer.stats().rolledBy.time).toBe(1);
  });

  it('commits nothing when the upload fails', async () => {
    writer = await start(60_000, 1);
    store.putFile = async () => {
      throw new Error('S3 down');
    };
    await expect(reader.deliver(batch(0, 0))).rejects.toThrow('S3 down');
    expect(reader.commits).toEqual([]);
    await expect(writer.done).rejects.toThrow('S3 down');
  });

  it('after a crash between upload and commit, ends the re-read file where the landed one ends, whatever the roll settings now', async () => {
    // First run: lands 0-4 (size roll), dies before the commit.
    const bytes = message(0).value?.length ?? 0;
    const first = await start(60_000, bytes * 5, { afterUpload: async () => Promise.reject(new Error('SIGKILL stand-in')) });
    await expect(reader.deliver(batch(0, 9))).rejects.toThrow('SIGKILL stand-in');
    await first.stop();
    const landed = store.objects.get('cdc/public.accounts/dt=2026-12-06/0-0-4.parquet');
    expect(reader.commits).toEqual([]);
    // Restart with a much larger size roll: without the pin it would land 0-9 beside 0-4.
    reader = new ScriptedChangeLogReader();
    store.puts = [];
    writer = await start(60_000, bytes * 100);
    await reader.deliver(batch(0, 9));
    expect(store.puts).toEqual(['cdc/public.accounts/dt=2026-12-06/0-0-4.parquet']);
    expect(store.objects.get('cdc/public.accounts/dt=2026-12-06/0-0-4.parquet')).toEqual(landed);
    expect(reader.commits.map((c) => c.next)).toEqual([5n]);
    expect(writer.stats().rolledBy.recovery).toBe(1);
    expect(store.objects.size).toBe(1);
  });

  it('drops what it buffered when partitions are reassigned (they are read again from the committed offset)', async () => {
    writer = await start(60_000, 1e9);
    await reader.deliver(batch(0, 4));
    reader.options?.onAssignment();
    await reader.deliver(batch(0, 2));
    await writer.stop();
    expect([...store.objects.keys()]).toEqual(['cdc/public.accounts/dt=2026-12-06/0-0-2.parquet']);
  });

  it('refuses a message that is not a change event, naming its position, and lands nothing past it', async () => {
    writer = await start(60_000, 1e9);
    const bad = { topic: TOPIC, partition: 0, messages: [message(0), { offset: 1n, key: null, value: Buffer.from('{"op":"x"}') }] };
    await expect(reader.deliver(bad)).rejects.toThrow(/ll\.public\.accounts\[0\]@1 is not a change event/);
    expect(reader.commits).toEqual([]);
  });
});
