import { describe, expect, it } from 'vitest';
import { parseS3EventNotification } from './s3-event-notification.ts';

const record = (eventName: string, key: string, bucket = 'landing') => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  eventName,
  s3: { bucket: { name: bucket }, object: { key, size: 42, eTag: '"0123abcd"' } },
});

describe('parseS3EventNotification', () => {
  it('names created objects with decoded keys and unquoted etags; ignores other events and buckets', () => {
    const parsed = parseS3EventNotification(
      {
        Records: [
          record('ObjectCreated:Put', 'cdc/public.accounts/dt%3D2026-12-06/0-0-9.parquet'),
          record('s3:ObjectCreated:CompleteMultipartUpload', 'cdc/a+b.parquet'),
          record('ObjectRemoved:Delete', 'cdc/x.parquet'),
          record('ObjectCreated:Put', 'cdc/y.parquet', 'other'),
        ],
      },
      'landing',
    );
    expect(parsed).toEqual({
      ok: true,
      objects: [
        { key: 'cdc/public.accounts/dt=2026-12-06/0-0-9.parquet', etag: '0123abcd', size: 42 },
        { key: 'cdc/a b.parquet', etag: '0123abcd', size: 42 },
      ],
      ignored: [
        { eventName: 'ObjectRemoved:Delete', key: 'cdc/x.parquet', reason: 'not an object-created event' },
        { eventName: 'ObjectCreated:Put', key: 'cdc/y.parquet', reason: 'bucket other is not landing' },
      ],
    });
  });

  it("accepts the server's test event and refuses anything else with the field named", () => {
    expect(parseS3EventNotification({ Event: 's3:TestEvent', Bucket: 'landing' }, 'landing')).toEqual({ ok: true, objects: [], ignored: [] });
    expect(parseS3EventNotification({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'landing' } } }] }, 'landing')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not an S3 event notification'),
    });
    expect(parseS3EventNotification({ Records: [record('ObjectCreated:Put', 'bad%E0%A4%A')] }, undefined)).toMatchObject({ ok: false, error: expect.stringContaining('not URL-encoded') });
  });
});
