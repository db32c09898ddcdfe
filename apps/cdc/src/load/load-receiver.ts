import { timingSafeEqual, createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { parseS3EventNotification, type LandingLoader } from '@ledgerline/cdc';
import type { Logger } from '@ledgerline/logging';

export interface LoadReceiverOptions {
  loader: Pick<LandingLoader, 'notify'>;
  /** CDC_LOAD_SECRET: `Authorization: Bearer <secret>` or `?token=<secret>`. */
  secret: string;
  host: string;
  port: number;
  /** Only notifications for this bucket are loaded (S3_BUCKET); undefined = any (the local store). */
  bucket: string | undefined;
  logger: Logger;
  /** Largest accepted body; S3 sends one record per message, so 256 KiB is generous. */
  bodyLimitBytes?: number;
}

export interface LoadReceiver {
  readonly url: string;
  close(): Promise<void>;
}

// Hash both sides first: timingSafeEqual needs equal lengths, and the length must not leak either.
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The S3 event-notification receiver (`POST /s3-events`): authenticates the shared secret,
 * bounds the body, parses AWS's event JSON and queues the created objects with the loader.
 * It answers 202 once queued, not once loaded (senders such as versitygw fire and forget);
 * a load that fails is retried by the loader's reconcile pass. Idempotent: the same
 * notification again finds the manifest row and loads nothing.
 */
export async function startLoadReceiver(options: LoadReceiverOptions): Promise<LoadReceiver> {
  const logger = options.logger.child('load-receiver');
  const expected = digest(options.secret);
  const app: FastifyInstance = Fastify({ bodyLimit: options.bodyLimitBytes ?? 256 * 1024, logger: false });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
    const token = bearer ?? new URL(request.url, 'http://receiver').searchParams.get('token') ?? '';
    if (!timingSafeEqual(digest(token), expected)) {
      logger.warn('notification refused: wrong or missing secret', { remote: request.ip });
      return reply.code(401).send({ error: 'unauthorized' });
    }
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.post('/s3-events', async (request, reply) => {
    const parsed = parseS3EventNotification(request.body, options.bucket);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    for (const ignored of parsed.ignored) logger.info('notification ignored', { ...ignored });
    const keys = parsed.objects.map((o) => o.key);
    if (keys.length > 0) {
      void options.loader.notify(keys).then(
        (reports) => {
          for (const report of reports) logger.info('notified object', { ...report });
        },
        (error: unknown) => logger.error('notified load failed; reconcile retries', { error: String(error) }),
      );
    }
    return reply.code(202).send({ queued: keys, ignored: parsed.ignored.length });
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error('receiver error', { error: error.message });
    void reply.code(status).send({ error: status === 500 ? 'internal error' : error.message });
  });

  const url = await app.listen({ host: options.host, port: options.port });
  return { url, close: () => app.close() };
}
