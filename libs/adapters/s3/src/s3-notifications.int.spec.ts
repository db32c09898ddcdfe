import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, uniqueName } from '@ledgerline/testing';
import { openS3ObjectStore } from './factory.ts';

const run = promisify(execFile);
const script = join(repoRoot(), 'tools', 'services', 's3.sh');
// Its own server: the webhook is fixed per server, and the shared one runs without.
const instance = { ...process.env, LEDGERLINE_S3_INSTANCE: 's3-notify-test', LEDGERLINE_SERVICE_OWNER: 'harness' };

describe('tools/services/s3.sh bucket notifications (versitygw webhook)', () => {
  let hook: Server | undefined;
  afterAll(async () => {
    await run('bash', [script, 'stop'], { env: instance, timeout: 60_000 }).catch(() => undefined);
    await new Promise((resolve) => (hook ? hook.close(resolve) : resolve(undefined)));
  });

  it('POSTs an ObjectCreated record with key and quoted ETag to the webhook for each object written', async () => {
    const received: Array<{ url: string; body: unknown }> = [];
    hook = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(text) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/s3-events?token=t0ken`;
    const { stdout } = await run('bash', [script, 'start'], { env: { ...instance, S3_EVENT_WEBHOOK_URL: url }, timeout: 600_000 });
    const endpoint = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { endpoint: string; accessKeyId: string; secretAccessKey: string; webhook: string };
    expect(endpoint.webhook).toBe(url);
    // The server's start-up probe.
    expect(received[0]?.body).toMatchObject({ Event: 's3:TestEvent' });

    const opened = await openS3ObjectStore({ ...endpoint, bucket: uniqueName('notify').replace(/_/g, '-') });
    try {
      const stored = await opened.store.put('cdc/public.accounts/dt=2026-12-06/0-0-3.parquet', Buffer.from('PAR1'));
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
      expect(received[1]?.url).toBe('/s3-events?token=t0ken');
      expect(received[1]?.body).toMatchObject({
        Records: [{ eventName: 's3:ObjectCreated:Put', s3: { object: { key: stored.key, size: 4, eTag: `"${stored.etag}"` } } }],
      });
    } finally {
      await opened.close();
    }
  });
});
