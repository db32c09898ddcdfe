// Waits until a Kafka broker answers a metadata request (kafkajs admin listTopics), the same client
// the application uses, so "ready" means ready for us rather than "port open".
//   node wait-ready.mjs <broker host:port> <timeout seconds> [pid to watch]
// Exits 0 when ready, 1 on timeout or when the watched broker process dies.
import { setTimeout } from 'node:timers';
import { Kafka, logLevel } from 'kafkajs';

const [broker, timeoutArg = '60', watchPid] = process.argv.slice(2);
if (!broker) {
  console.error('usage: node wait-ready.mjs <host:port> [timeout seconds] [pid]');
  process.exit(2);
}
const deadline = Date.now() + Number(timeoutArg) * 1000;
const kafka = new Kafka({
  clientId: 'ledgerline-wait-ready',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 2000,
  retry: { retries: 0 },
});

const alive = (pid) => {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};

for (;;) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
    process.exit(0);
  } catch {
    await admin.disconnect().catch(() => {});
  }
  if (watchPid && !alive(watchPid)) {
    console.error(`broker process ${watchPid} exited`);
    process.exit(1);
  }
  if (Date.now() > deadline) process.exit(1);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
