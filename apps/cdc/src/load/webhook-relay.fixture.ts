import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification the S3 server posted, as it posted it (path with query, raw body). */
export interface RelayedNotification {
  url: string;
  body: string;
}

export interface WebhookRelay {
  port: number;
  /** Every notification the S3 server posted, in order, whether or not the receiver was up. */
  received: RelayedNotification[];
  /** Posts a recorded notification again, byte for byte, to the receiver: a redelivery. Its HTTP status. */
  redeliver(notification: RelayedNotification): Promise<number>;
  close(): Promise<void>;
}

/**
 * Sits between the S3 server's webhook and the receiver (tests only): forwards each notification
 * to 127.0.0.1:<receiverPort> unchanged and records it, so a test can deliver the server's own
 * notification twice. While the receiver is down it answers 200 without forwarding: the server
 * believes it delivered, i.e. that notification is lost (what reconcile exists for). Answering
 * also satisfies versitygw's probe of its webhook at start, before the receiver exists.
 */
export async function startWebhookRelay(receiverPort: number): Promise<WebhookRelay> {
  const received: RelayedNotification[] = [];
  const forward = async (notification: RelayedNotification) => {
    const response = await fetch(`http://127.0.0.1:${receiverPort}${notification.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: notification.body,
    });
    await response.arrayBuffer();
    return response.status;
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const notification = { url: request.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      if (request.method === 'POST' && notification.body.length > 0) received.push(notification);
      forward(notification).then(
        (status) => response.writeHead(status).end(),
        () => response.writeHead(200).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    redeliver: forward,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
