import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic } from '@ledgerline/ingestion';
import { createTestDatabase, repoRoot, startKafka, uniqueName, type TestDatabase } from '@ledgerline/testing';
import { writeStatementCsv } from '../bench/batch-bench-support.ts';
import { bundleApp } from './bundle-app.ts';

// Every app's serve target runs these bundles (plain node, no tsx): prove that a bundle runs the
// real thing, including the modules it splits off and loads on demand.
describe('bundleApp', () => {
  const out = join(repoRoot(), 'node_modules', '.cache', uniqueName('bundle_test'));
  const work = mkdtempSync(join(tmpdir(), 'bundle-app-'));
  let db: TestDatabase;
  let batch: string;

  beforeAll(async () => {
    db = await createTestDatabase('bundle_app');
    batch = await bundleApp(repoRoot(), 'batch', join(out, 'batch'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const run = (entry: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [entry, ...args], { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

  it('the bundled batch app ingests a CSV statement into PostgreSQL exactly once', async () => {
    const incoming = join(work, 'incoming');
    mkdirSync(incoming, { recursive: true });
    await writeStatementCsv(join(incoming, 'statement.csv'), 250);
    const env = { DATABASE_URL: db.url, DATA_DIR: join(work, 'data'), LOG_LEVEL: 'warn' };
    const first = run(batch, ['ingest', '--json', '--dir', incoming], env);
    expect(first.stderr).not.toContain('Error');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout.split('\n')[0] ?? '{}')).toMatchObject({ status: 'loaded', inserted: 250 });
  });

  it('the bundled stream-sink app starts and refuses a bad option with its usage', async () => {
    const sink = await bundleApp(repoRoot(), 'stream-sink', join(out, 'stream-sink'));
    const result = run(sink, ['--no-such-option']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: nx run stream-sink:serve');
  });

  it('the bundled producer app publishes generated transactions to Kafka', async () => {
    const producer = await bundleApp(repoRoot(), 'producer', join(out, 'producer'));
    const { brokers } = await startKafka();
    const topic = uniqueName('bundle_producer');
    const result = run(producer, ['--count', '120', '--customers', '5'], { KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC: topic, KAFKA_PARTITIONS: '2', LOG_LEVEL: 'info' });
    expect(result.stderr).not.toContain('Error');
    // The bundle loads kafkajs from node_modules at run time: its lean parts must still go in first.
    expect(`${result.stdout}${result.stderr}`).toContain('client kafkajs (lean)');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ sent: 120, valid: 120, errors: 0 });
    const admin = new Kafka({ clientId: 'bundle-test', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.reduce((sum, o) => sum + Number(o.high), 0)).toBe(120);
      await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] });
    } finally {
      await admin.disconnect();
    }
  });

  it('the bundled pipeline, warehouse-sync, analytics and agent apps run their commands end to end', async () => {
    const [pipeline, warehouseSync, analytics, agent] = await Promise.all(
      ['pipeline', 'warehouse-sync', 'analytics', 'agent'].map((app) => bundleApp(repoRoot(), app, join(out, app))),
    );
    const fresh = await createTestDatabase('bundle_apps');
    try {
      const env = { DATABASE_URL: fresh.url, DATA_DIR: join(work, 'apps-data'), LOG_LEVEL: 'warn', METRICS_PORT: '0' };
      const status = run(pipeline!, ['status', '--limit', '3'], env);
      expect(status.stderr).toBe('');
      expect(status.stdout).toContain('No runs recorded yet');
      expect(run(warehouseSync!, ['--once'], env).status).toBe(0);
      const sync = run(analytics!, ['sync'], env);
      expect(sync.status).toBe(0);
      expect(sync.stdout).toContain('Sync done');
      const query = run(analytics!, ['query', 'select 40 + 2 as answer', '--json'], env);
      expect(JSON.parse(query.stdout).rows).toEqual([{ answer: 42 }]);
      const ask = run(agent!, ['ask', 'How many transactions were there since January 2000?', '--json'], env);
      expect(ask.status).toBe(0);
      expect(JSON.parse(ask.stdout.slice(0, ask.stdout.lastIndexOf('}') + 1))).toMatchObject({ status: 'answered' });
    } finally {
      await fresh.drop();
    }
  });

  it('the bundled dashboard serves its page and API', async () => {
    const dashboard = await bundleApp(repoRoot(), 'dashboard', join(out, 'dashboard'), join('src', 'server', 'main.ts'));
    const env = { DATABASE_URL: db.url, DATA_DIR: join(work, 'dashboard-data'), LOG_LEVEL: 'warn' };
    // The dashboard reads the analytics file; an (empty) sync creates it.
    const analytics = await bundleApp(repoRoot(), 'analytics', join(out, 'dashboard-analytics'));
    expect(run(analytics, ['sync'], env).status).toBe(0);
    const child = spawn(process.execPath, [dashboard, '--port', '0', '--no-agent'], { cwd: work, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      // The first start may build the page with vite (apps/dashboard/web/dist is not committed).
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no URL within 90 s: ${output}`)), 90_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`dashboard exited (${code}): ${output}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Ledgerline dashboard</title>');
      const kpis = await fetch(new URL('/api/kpis', url));
      expect(kpis.status).toBe(200);
      expect(await kpis.json()).toHaveProperty('data');
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
