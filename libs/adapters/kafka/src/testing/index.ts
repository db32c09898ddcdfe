// Test helpers for the apps' specs: they check and feed the broker through these, never through
// kafkajs of their own (lint refuses it in apps; architecture §2).
export { probeKafka, type KafkaProbe, type ProbedRecord, type TopicReader } from './kafka-probe.ts';
