// Deliberately wrong: a domain library importing a vendor SDK and an adapter.
// Excluded from the normal lint run; tools/lint/module-boundaries.spec.ts lints it on purpose.
import { Kafka } from 'kafkajs';
import * as kafkaAdapter from '@ledgerline/kafka';
import { loadConfig } from '@ledgerline/config';

export const bad = [Kafka, kafkaAdapter, loadConfig];
