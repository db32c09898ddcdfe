import { createRequire } from 'node:module';
import type * as KafkaJS from 'kafkajs';
import { installLeanKafkajs } from './lean-kafkajs/install-lean-kafkajs.ts';

/**
 * The one place the adapter loads kafkajs. Its lean parts (lean-kafkajs/) have to be in Node's module
 * cache before kafkajs' producer modules load, and a static `import ... from 'kafkajs'` would be
 * evaluated before any code of this module runs; so kafkajs is required here, after installing.
 * Lint keeps every other value import of kafkajs in this library pointing here.
 */
const require = createRequire(import.meta.url);

export const leanKafkajs = installLeanKafkajs(require);

const kafkajs = require('kafkajs') as typeof KafkaJS;

export const Kafka = kafkajs.Kafka;
export type Kafka = KafkaJS.Kafka;
export const Partitioners = kafkajs.Partitioners;
export const logLevel = kafkajs.logLevel;
export type logLevel = KafkaJS.logLevel;
/** kafkajs' error classes, for the specs of kafka-failures.ts (the adapter itself classifies by name). */
export const kafkajsErrors = {
  KafkaJSConnectionError: kafkajs.KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded: kafkajs.KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError: kafkajs.KafkaJSProtocolError,
  KafkaJSRequestTimeoutError: kafkajs.KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError: kafkajs.KafkaJSSASLAuthenticationError,
  KafkaJSNonRetriableError: kafkajs.KafkaJSNonRetriableError,
};
