import { createRequire } from 'node:module';
import type * as KafkaJS from 'kafkajs';
import { installLeanProduceEncoding } from './produce-encoding/install-lean-produce-encoding.ts';

/**
 * The one place the adapter loads kafkajs. The lean produce encoding has to be in Node's module
 * cache before kafkajs' producer modules load, and a static `import ... from 'kafkajs'` would be
 * evaluated before any code of this module runs; so kafkajs is required here, after installing.
 * Lint keeps every other value import of kafkajs in this library pointing here.
 */
const require = createRequire(import.meta.url);

export const produceEncoding = installLeanProduceEncoding(require);

const kafkajs = require('kafkajs') as typeof KafkaJS;

export const Kafka = kafkajs.Kafka;
export type Kafka = KafkaJS.Kafka;
export const Partitioners = kafkajs.Partitioners;
export const logLevel = kafkajs.logLevel;
export type logLevel = KafkaJS.logLevel;
