import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { startLoadReceiver, type LoadReceiver } from './load-receiver.ts';

const SECRET = 'a-shared-secret-of-some-length';
const created = (key: string, bucket = 'landing') => ({
  Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key, size: 10, eTag: '"abc"' } } }],
});

describe('S3 event-notification receiver', () => {
  let receiver: LoadReceiver | undefined;
  afterEach(async () => receiver?.close());

  async function start() {
    const notified: string[][] = [];
    receiver = await startLoadReceiver({
      loader: { notify: async (keys) => (notified.push([...keys]), []) },
      secret: SECRET,
      host: '127.0.0.1',
      port: 0,
      bucket: 'landing',
      logger: silentLogger,
      bodyLimitBytes: 4096,
    });
    const post = (body: unknown, init: { auth?: string; query?: string; raw?: string } = {}) =>
      fetch(`${receiver!.url}/s3-events${init.query ?? ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(init.auth ? { authorization: init.auth } : {}) },
        body: init.raw ?? JSON.stringify(body),
      });
    return { notified, post };
  }

  it('queues the decoded key of an authenticated object-created notification (bearer header or ?token=)', async () => {
    const { notified, post } = await start();
    const first = await post(created('cdc/public.accounts/dt%3D2026-12-06/0-0-9.parquet'), { auth: `Bearer ${SECRET}` });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ queued: ['cdc/public.accounts/dt=2026-12-06/0-0-9.parquet'], ignored: 0 });
    expect((await post(created('cdc/x.parquet'), { query: `?token=${SECRET}` })).status).toBe(202);
    expect(notified).toEqual([['cdc/public.accounts/dt=2026-12-06/0-0-9.parquet'], ['cdc/x.parquet']]);
  });

  it('refuses a missing or wrong secret (401), a body over the limit (413) and a non-notification (400), queueing nothing', async () => {
    const { notified, post } = await start();
    expect((await post(created('cdc/a.parquet'))).status).toBe(401);
    expect((await post(created('cdc/a.parquet'), { auth: 'Bearer wrong-secret-wrong-secret' })).status).toBe(401);
    expect((await post(created('cdc/a.parquet'), { query: '?token=nope' })).status).toBe(401);
    expect((await post(created(`cdc/${'a'.repeat(5000)}.parquet`), { auth: `Bearer ${SECRET}` })).status).toBe(413);
    const bad = await post({ hello: 'world' }, { auth: `Bearer ${SECRET}` });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringContaining('not an S3 event notification') });
    expect((await post(undefined, { auth: `Bearer ${SECRET}`, raw: '{"Records": [' })).status).toBe(400);
    expect(notified).toEqual([]);
  });

  it('answers the test event and ignores other buckets and events without queueing', async () => {
    const { notified, post } = await start();
    expect((await post({ Event: 's3:TestEvent' }, { auth: `Bearer ${SECRET}` })).status).toBe(202);
    const other = await post(created('cdc/a.parquet', 'elsewhere'), { auth: `Bearer ${SECRET}` });
    expect(await other.json()).toEqual({ queued: [], ignored: 1 });
    expect(notified).toEqual([]);
  });
});
