import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLandingFileKey, type ObjectStore } from '@ledgerline/cdc';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { probeKafka, type KafkaProbe } from '@ledgerline/kafka/testing';
import { openS3ObjectStore, type OpenedS3ObjectStore } from '@ledgerline/s3';
import { repoRoot, startKafka, startNodeProcess, startS3, uniqueName, type NodeProcess } from '@ledgerline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Fault test 3 of issue #17 on real Kafka and a real S3 server (versitygw): the landing writer is
// SIGKILLed after an upload and before its offset commit. The restart, with different roll
// settings, rewrites the same key; objects never overlap and hold every event exactly once.
const EVENTS = 240;
const NOTE = 'x'.repeat(10_000); // ~10 KB per event: a 1 MiB size roll closes after ~100 events

describe('landing writer under SIGKILL between upload and commit', () => {
  const prefix = uniqueName('landfault');
  const topic = `${prefix}.public.accounts`;
  const group = uniqueName('landgroup');
  let brokers: string[];
  let kafka: KafkaProbe;
  let opened: OpenedS3ObjectStore;
  let store: ObjectStore;
  let s3Env: Record<string, string>;
  let scratch: string;
  let running: NodeProcess | undefined;

  beforeAll(async () => {
    ({ brokers } = await startKafka());
    const s3 = await startS3();
    const bucket = uniqueName('landing').replace(/_/g, '-');
    opened = await openS3ObjectStore({ ...s3, bucket });
    store = opened.store;
    s3Env = { S3_ENDPOINT: s3.endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_REGION: s3.region };
    scratch = await mkdtemp(join(tmpdir(), 'landing-fault-'));
    kafka = await probeKafka(brokers, { clientId: 'landing-fault-test' });
    await kafka.createTopic(topic, 1);
    const day = Date.UTC(2026, 11, 6, 12);
    const messages = Array.from({ length: EVENTS }, (_, id) => ({
        key: JSON.stringify({ id }),
        value: JSON.stringify({
          before: null,
          after: { id, note: NOTE },
          op: 'c',
          ts_ms: day + id,
          source: { connector: 'postgresql', db: 'ledgerline', schema: 'public', table: 'accounts', lsn: 5000 + id, txId: 900 + id, ts_ms: day + id, snapshot: 'false' },
        }),
      }));
    // Under the broker's 1 MB request limit.
    await kafka.produce(topic, messages, { batchSize: 40 });
  });
  afterAll(async () => {
    running?.kill('SIGKILL');
    await running?.exited;
    await kafka?.deleteTopics([topic]).catch(() => undefined);
    await kafka?.close();
    await opened?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  function startWriter(env: Record<string, string>): NodeProcess {
    return startNodeProcess(['--import', 'tsx', join('apps', 'cdc', 'src', 'main.ts')], ['land', '--stats-interval', '0'], {
      cwd: repoRoot(),
      env: { KAFKA_BROKERS: brokers.join(','), CDC_TABLES: 'public.accounts', CDC_TOPIC_PREFIX: prefix, CDC_LANDING_GROUP_ID: group, CDC_LANDING_METRICS_PORT: '0', LOG_FORMAT: 'json', ...s3Env, ...env },
    });
  }
  async function committed(): Promise<number> {
    return kafka.committedOffset(group, topic, 0);
  }
  async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; writer output:\n${running?.output.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function offsetsIn(key: string): Promise<number[]> {
    const path = join(scratch, key.replace(/\//g, '_'));
    await writeFile(path, (await store.get(key)) as Buffer);
    const rows = await probeDuckDb(':memory:').rows<{ offset: bigint }>(`SELECT "offset", op, source_table, tx_id FROM read_parquet('${path}')`);
    return rows.map((row) => Number(row.offset));
  }

  it('rewrites the same key after the restart; objects do not overlap and hold each event once', async () => {
    const marker = join(scratch, 'paused');
    // Run 1: size roll at 1 MiB (~100 events), then hang after the first upload, before the commit.
    running = startWriter({ CDC_LANDING_ROLL_MB: '1', CDC_LANDING_ROLL_SECONDS: '600', LEDGERLINE_TEST_LANDING_PAUSE_AFTER_UPLOAD: marker });
    await waitFor('the first upload', () => existsSync(marker));
    const firstKey = await readFile(marker, 'utf8');
    running.kill('SIGKILL');
    await running.exited;
    const first = parseLandingFileKey(firstKey, 'cdc');
    expect(first).toMatchObject({ schema: 'public', table: 'accounts', dt: '2026-12-06', partition: 0, firstOffset: 0n });
    expect(Number(first?.lastOffset)).toBeLessThan(EVENTS - 1); // a size roll, not all of it
    expect((await store.list('cdc/')).map((o) => o.key)).toEqual([firstKey]);
    expect(await committed()).toBe(-1); // nothing committed: the kill came first
    const before = await store.head(firstKey);

    // Run 2: settings that alone would put everything in one file; a time roll lands the rest.
    running = startWriter({ CDC_LANDING_ROLL_MB: '64', CDC_LANDING_ROLL_SECONDS: '2' });
    await waitFor('every offset committed', async () => (await committed()) === EVENTS);
    running.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);

    const keys = (await store.list('cdc/')).map((o) => o.key);
    expect(keys).toHaveLength(2);
    expect(keys).toContain(firstKey);
    const rewrite = running.output.find((line) => line.includes('"landed"') && line.includes(firstKey));
    expect(rewrite, 'the restarted writer landed the same key again').toContain('"rolledBy":"recovery"');
    expect((await store.head(firstKey))?.size).toBe(before?.size);
    // Every offset once, in order, across the objects.
    const all: number[] = [];
    for (const key of keys.sort((a, b) => Number(parseLandingFileKey(a)?.firstOffset) - Number(parseLandingFileKey(b)?.firstOffset))) {
      const parsed = parseLandingFileKey(key);
      const offsets = await offsetsIn(key);
      expect(offsets[0]).toBe(Number(parsed?.firstOffset));
      expect(offsets.at(-1)).toBe(Number(parsed?.lastOffset));
      all.push(...offsets);
    }
    expect(all).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
    expect(running.output.some((line) => line.includes('"rolledBy":"time"'))).toBe(true);
  }, 180_000);
});
