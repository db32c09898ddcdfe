import { z } from 'zod';

/**
 * AWS's documented S3 event notification message (event structure version 2.x): what S3 and
 * S3-compatible servers (versitygw's webhook) POST. Only the fields the loader needs are read;
 * the rest passes. The test event a server sends when notifications are set up has no Records.
 */
const recordSchema = z.object({
  eventName: z.string().min(1),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({ key: z.string().min(1), size: z.number().int().nonnegative().optional(), eTag: z.string().optional() }),
  }),
});
const messageSchema = z.union([z.object({ Records: z.array(recordSchema).max(1_000) }), z.object({ Event: z.literal('s3:TestEvent') })]);

export interface NotifiedObject {
  key: string;
  etag?: string;
  size?: number;
}

export type ParsedS3Notification =
  | { ok: true; objects: NotifiedObject[]; ignored: Array<{ eventName: string; key: string; reason: string }> }
  | { ok: false; error: string };

/**
 * The created objects a notification names. Keys arrive URL-encoded with `+` for a space (as
 * S3 sends them); other events (deletes, other buckets) are ignored with a reason.
 */
export function parseS3EventNotification(body: unknown, bucket: string | undefined): ParsedS3Notification {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `not an S3 event notification: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  if (!('Records' in parsed.data)) return { ok: true, objects: [], ignored: [] };
  const objects: NotifiedObject[] = [];
  const ignored: Array<{ eventName: string; key: string; reason: string }> = [];
  for (const record of parsed.data.Records) {
    let key: string;
    try {
      key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    } catch {
      return { ok: false, error: `object key ${JSON.stringify(record.s3.object.key)} is not URL-encoded` };
    }
    const eventName = record.eventName.replace(/^s3:/, '');
    if (!eventName.startsWith('ObjectCreated:')) ignored.push({ eventName: record.eventName, key, reason: 'not an object-created event' });
    else if (bucket !== undefined && record.s3.bucket.name !== bucket) ignored.push({ eventName: record.eventName, key, reason: `bucket ${record.s3.bucket.name} is not ${bucket}` });
    else objects.push({ key, etag: record.s3.object.eTag?.replace(/^"|"$/g, ''), size: record.s3.object.size });
  }
  return { ok: true, objects, ignored };
}
