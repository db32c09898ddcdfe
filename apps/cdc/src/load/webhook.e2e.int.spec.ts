import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LandingLoadOutcome } from '@ledgerline/cdc';
import { loadConfig, type LedgerlineEnv } from '@ledgerline/config';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { silentLogger } from '@ledgerline/logging';
import { openS3ObjectStore, type OpenedS3ObjectStore } from '@ledgerline/s3';
import { repoRoot, uniqueName } from '@ledgerline/testing';
import { writeLandedParquet, type LandedRow } from './landed-parquet.fixture.ts';
import { createLoadMetrics } from './load-metrics.ts';
import { startLoadService, type LoadService } from './load-service.ts';
import { startWebhookRelay, type WebhookRelay } from './webhook-relay.fixture.ts';

const run = promisify(execFile);
const script = join(repoRoot(), 'tools', 'services', 's3.sh');
// Its own versitygw: the webhook is fixed per server, and the shared one runs without.
const instance = { ...process.env, LEDGERLINE_S3_INSTANCE: 's3-webhook-e2e', LEDGERLINE_SERVICE_OWNER: 'harness' };
const SECRET = 'e2e-webhook-secret-0123456789';
const fileKey = (first: number) => `cdc/public.customers/dt=2026-12-07/0-${first}-${first + 24}.parquet`;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// Issue #17 §4 end to end on real parts: versitygw's bucket webhook -> the fastify receiver
// (shared secret in the URL) -> the loader -> DuckDB, each file loaded exactly once: the server's
// own notification, that notification delivered again, the landing writer's retry of the same
// object, and a receiver restart with a notification lost while it was down.
describe('versitygw bucket notification -> receiver -> warehouse (e2e)', () => {
  let dir: string;
  let service: LoadService | undefined;
  let writer: OpenedS3ObjectStore | undefined;
  let relay: WebhookRelay | undefined;
  let warehouse: string;
  let env: LedgerlineEnv & { CDC_LOAD_SECRET: string };
  /** Every outcome the running loaders reported (notifications and reconcile passes). */
  const outcomes: LandingLoadOutcome[] = [];

  const startService = async () => {
    const metrics = createLoadMetrics();
    const record = metrics.record;
    service = await startLoadService(env, silentLogger, { metrics: { ...metrics, record: (o) => (outcomes.push(o), record(o)) } });
    // Queued behind the start-up pass: once it resolves, no reconcile pass runs again.
    await service.loader.reconcile();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webhook-e2e-'));
    warehouse = join(dir, 'warehouse.duckdb');
    const port = await freePort();
    relay = await startWebhookRelay(port);
    const { stdout } = await run('bash', [script, 'start'], { env: { ...instance, S3_EVENT_WEBHOOK_URL: `http://127.0.0.1:${relay.port}/s3-events?token=${SECRET}` }, timeout: 600_000 });
    const s3 = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { endpoint: string; accessKeyId: string; secretAccessKey: string };
    const bucket = uniqueName('webhook').replace(/_/g, '-');
    const loaded = loadConfig({
      env: {
        DATA_DIR: dir,
        WAREHOUSE_DUCKDB_PATH: warehouse,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        S3_BUCKET: bucket,
        CDC_LOAD_HOST: '127.0.0.1',
        CDC_LOAD_PORT: String(port),
        CDC_LOAD_SECRET: SECRET,
        // Reconcile only at start: every load while running comes from a notification.
        CDC_LOAD_RECONCILE_SECONDS: '0',
      },
      dotenvPath: false,
    });
    env = { ...loaded, CDC_LOAD_SECRET: SECRET };
    await startService();
    writer = await openS3ObjectStore({ endpoint: s3.endpoint, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, bucket });
  }, 600_000);
  afterAll(async () => {
    await writer?.close();
    await service?.close();
    await relay?.close();
    await run('bash', [script, 'stop'], { env: instance, timeout: 60_000 }).catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const loaded = async () => {
    const db = probeDuckDb(warehouse);
    const exists = await db.scalar(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'cdc_public_customers'`);
    if (Number(exists) === 0) return { rows: 0, distinctOffsets: 0, manifest: [] as string[] };
    const [counts] = await db.rows<{ n: bigint; d: bigint }>('SELECT count(*) AS n, count(DISTINCT kafka_offset) AS d FROM raw.cdc_public_customers');
    const manifest = (await db.rows<{ object_key: string }>('SELECT object_key FROM raw._cdc_manifest ORDER BY object_key')).map((r) => String(r.object_key));
    return { rows: Number(counts?.n), distinctOffsets: Number(counts?.d), manifest };
  };
  /** Lands 25 change events at offsets first..first+24 under their deterministic key. */
  const land = async (first: number) => {
    const rows: LandedRow[] = [];
    for (let offset = first; offset < first + 25; offset += 1) rows.push({ offset, op: 'c', key: { customer_id: `c${offset}` }, before: null, after: { customer_id: `c${offset}` } });
    const local = join(dir, `file-${first}.parquet`);
    await writeLandedParquet(local, { schema: 'public', table: 'customers', partition: 0 }, rows);
    await writer!.store.putFile(fileKey(first), local);
  };
  const outcomesOf = (key: string) => outcomes.filter((o) => o.key === key).map((o) => o.outcome);
  const notificationsOf = (key: string) => relay!.received.filter((n) => n.body.includes(key));

  it('the server notification loads the object once; that notification again and the same object again add nothing', async () => {
    const key = fileKey(0);
    await land(0);
    await expect.poll(loaded, { timeout: 30_000, interval: 200 }).toEqual({ rows: 25, distinctOffsets: 25, manifest: [key] });
    expect(notificationsOf(key)).toHaveLength(1);
    expect(outcomesOf(key)).toEqual(['loaded']);

    // The same notification delivered a second time (byte for byte, as a retrying server would).
    expect(await relay!.redeliver(notificationsOf(key)[0]!)).toBe(202);
    await expect.poll(() => outcomesOf(key), { timeout: 30_000, interval: 200 }).toEqual(['loaded', 'already-loaded']);
    // The landing writer's retry after a crash: the same key and bytes again, a new notification.
    await writer!.store.putFile(key, join(dir, 'file-0.parquet'));
    await expect.poll(() => notificationsOf(key).length, { timeout: 30_000, interval: 200 }).toBe(2);
    await expect.poll(() => outcomesOf(key), { timeout: 30_000, interval: 200 }).toEqual(['loaded', 'already-loaded', 'already-loaded']);
    expect(await loaded()).toEqual({ rows: 25, distinctOffsets: 25, manifest: [key] });
  }, 120_000);

  it('a receiver restart: the notification lost while it was down is loaded by the start-up reconcile, the next one by its notification, each once', async () => {
    await service!.close();
    service = undefined;
    // Notified while nothing listens: the relay answers for the receiver, the notification is lost.
    await land(25);
    await expect.poll(() => notificationsOf(fileKey(25)).length, { timeout: 30_000, interval: 200 }).toBe(1);
    expect(outcomesOf(fileKey(25))).toEqual([]);

    await startService();
    expect(outcomesOf(fileKey(25))).toEqual(['loaded']);
    // The start-up pass also saw the first file: already in the manifest, nothing loaded again.
    expect(outcomesOf(fileKey(0)).at(-1)).toBe('already-loaded');
    await land(50);
    await expect.poll(() => outcomesOf(fileKey(50)), { timeout: 30_000, interval: 200 }).toEqual(['loaded']);
    expect(await loaded()).toEqual({ rows: 75, distinctOffsets: 75, manifest: [fileKey(0), fileKey(25), fileKey(50)] });
  }, 120_000);
});
