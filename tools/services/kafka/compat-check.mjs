// Proves that kafkajs (the client the app uses) works against the local broker version, covering
// every API family the platform relies on. Prints one line per check and exits non-zero on the first
// failure. Evidence for the broker choice recorded in docs/services.md.
//   node tools/services/kafka/compat-check.mjs <host:port>
import { setTimeout, clearTimeout } from 'node:timers';
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2];
if (!broker) {
  console.error('usage: node compat-check.mjs <host:port>');
  process.exit(2);
}
const kafka = new Kafka({ clientId: 'ledgerline-compat', brokers: [broker], logLevel: logLevel.ERROR });
const suffix = `${Date.now().toString(36)}_${process.pid}`;
const topic = `compat_${suffix}`;
const groupId = `compat_group_${suffix}`;
const admin = kafka.admin();

async function check(name, fn) {
  try {
    const detail = await fn();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error?.constructor?.name} ${error?.message}`);
    process.exitCode = 1;
    throw error;
  }
}

try {
  await admin.connect();
  await check('admin.describeCluster (Metadata, DescribeCluster)', async () => {
    const c = await admin.describeCluster();
    return `brokers=${c.brokers.length} controller=${c.controller}`;
  });
  await check('admin.createTopics (CreateTopics)', async () => {
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    if (!created) throw new Error('topic not created');
  });
  await check('admin.fetchTopicMetadata (Metadata)', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return `partitions=${topics[0].partitions.length}`;
  });

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await check('idempotent producer.send (InitProducerId, Produce)', async () => {
    await producer.connect();
    const res = await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k1', value: 'v1', headers: { h: 'x' } },
        { key: 'k2', value: 'v2' },
      ],
    });
    return `offsets=${res.map((r) => `${r.partition}:${r.baseOffset}`).join(',')}`;
  });
  await check('transactional producer (AddPartitionsToTxn, EndTxn)', async () => {
    const tx = kafka.producer({ transactionalId: `compat_tx_${suffix}`, idempotent: true, maxInFlightRequests: 1 });
    await tx.connect();
    const t = await tx.transaction();
    await t.send({ topic, messages: [{ key: 'k3', value: 'v3' }] });
    await t.commit();
    await tx.disconnect();
  });

  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await check('consumer group subscribe + run (FindCoordinator, JoinGroup, SyncGroup, Fetch)', async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = [];
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} of 3 messages in 30s`)), 30000);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message.value.toString());
            if (seen.length === 3) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    return `values=${seen.sort().join(',')}`;
  });
  await check('consumer commit (OffsetCommit) + admin.fetchOffsets (OffsetFetch)', async () => {
    // kafkajs auto-commits on its interval or on stop; stopping flushes the commit.
    await consumer.stop();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    if (committed < 3) throw new Error(`committed offsets sum ${committed}, want >= 3`);
    return `sum=${committed}`;
  });
  await check('admin.describeGroups + listGroups (DescribeGroups, ListGroups)', async () => {
    const { groups } = await admin.describeGroups([groupId]);
    const listed = await admin.listGroups();
    if (!listed.groups.some((g) => g.groupId === groupId)) throw new Error('group not listed');
    return `state=${groups[0].state}`;
  });
  await consumer.disconnect();
  await producer.disconnect();
  await check('admin.fetchTopicOffsets (ListOffsets)', async () => {
    const o = await admin.fetchTopicOffsets(topic);
    return `high=${o.map((p) => p.high).join(',')}`;
  });
  await check('admin.setOffsets/resetOffsets (OffsetCommit via admin)', async () => {
    await admin.resetOffsets({ groupId, topic, earliest: true });
  });
  await check('admin.deleteGroups (DeleteGroups)', async () => {
    await admin.deleteGroups([groupId]);
  });
  await check('admin.createPartitions (CreatePartitions)', async () => {
    await admin.createPartitions({ topicPartitions: [{ topic, count: 4 }] });
  });
  await check('admin.describeConfigs (DescribeConfigs)', async () => {
    const r = await admin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false });
    return `entries=${r.resources[0].configEntries.length}`;
  });
  await check('admin.deleteTopics (DeleteTopics)', async () => {
    await admin.deleteTopics({ topics: [topic] });
    const topics = await admin.listTopics();
    if (topics.includes(topic)) throw new Error('topic still listed');
  });
  await check('auto-create on produce (auto.create.topics.enable, num.partitions)', async () => {
    const auto = `compat_auto_${suffix}`;
    const p = kafka.producer({ allowAutoTopicCreation: true });
    await p.connect();
    await p.send({ topic: auto, messages: [{ value: 'x' }] });
    await p.disconnect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [auto] });
    await admin.deleteTopics({ topics: [auto] });
    return `partitions=${topics[0].partitions.length}`;
  });
} catch {
  // Already reported by check().
} finally {
  await admin.disconnect();
}
process.exit(process.exitCode ?? 0);
