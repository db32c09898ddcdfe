import { encodeLeanProduceRequest, type ProduceRequestInput } from './produce-request-encoder.ts';
import { groupMessagesPerPartition } from './group-messages-per-partition.ts';
import { decodeRecord } from './lean-record-decoder.ts';

/** The kafkajs release whose internals the lean parts were compared against, output for output. */
export const LEAN_KAFKAJS_VERSION = '2.2.4';

type Part = 'lean' | 'kafkajs';

export interface LeanKafkajs {
  /** Who encodes Produce requests: the lean encoder (falling back per request) or kafkajs alone. */
  encoder: Part;
  /** Who groups a send's messages by partition. */
  grouping: Part;
  /** Who decodes fetched records. */
  recordDecoder: Part;
  /** Why a part stayed with kafkajs. */
  reason?: string;
}

interface StockProduceRequest {
  encode: () => Promise<unknown>;
}
type ProduceRequestFactory = (input: ProduceRequestInput) => StockProduceRequest;
interface KafkajsEncoder {
  buf: Buffer;
  offset: number;
}
type KafkajsEncoderClass = new (initialSize?: number) => KafkajsEncoder;

const INSTALLED = Symbol.for('ledgerline.kafkajs.lean');

/**
 * Produce requests encoded so far in this process, by whom (kafkajs: declined by the lean one).
 * Kept on the global object like the install mark: a second instance of this module (a test
 * runner re-evaluating it) must count what the installed encoder does.
 */
const COUNTS = Symbol.for('ledgerline.kafkajs.lean.requestCounts');
const requestCounts = ((globalThis as { [COUNTS]?: { lean: number; kafkajs: number } })[COUNTS] ??= { lean: 0, kafkajs: 0 });

export function produceRequestCounts(): { lean: number; kafkajs: number } {
  return { ...requestCounts };
}
const PRODUCE = 'kafkajs/src/protocol/requests/produce';

/**
 * Puts the lean parts into kafkajs through Node's module cache (documented as writable): the v3
 * Produce request module (which v4 to v7 wrap), the per-partition grouping of a send, and the
 * record decoder of fetched batches. kafkajs' files stay untouched, and a request the lean encoder
 * does not cover still goes to kafkajs' own.
 *
 * Must run before kafkajs is loaded (its producer keeps a reference to the grouping function) and
 * before its first produce and fetch (the modules that use the other two load then and keep
 * references). Whatever was loaded too early stays kafkajs', and the result says so. Idempotent.
 * Only for the kafkajs version the parts were checked against.
 */
export function installLeanKafkajs(require: NodeJS.Require): LeanKafkajs {
  const version = (require('kafkajs/package.json') as { version?: unknown }).version;
  if (version !== LEAN_KAFKAJS_VERSION) {
    return { encoder: 'kafkajs', grouping: 'kafkajs', recordDecoder: 'kafkajs', reason: `kafkajs ${String(version)} is not ${LEAN_KAFKAJS_VERSION}, the version the lean parts were checked against` };
  }
  const reasons: string[] = [];
  const grouping = replaceBeforeUse(require, 'kafkajs/src/producer/groupMessagesPerPartition.js', groupMessagesPerPartition, ['kafkajs/src/producer/sendMessages.js'], 'kafkajs was loaded before the lean grouping', reasons);
  const recordDecoder = replaceBeforeUse(require, 'kafkajs/src/protocol/recordBatch/record/v0/decoder.js', decodeRecord, ['kafkajs/src/protocol/recordBatch/v0/decoder.js'], 'kafkajs had fetched before the lean record decoder', reasons);
  const encoder = installRequestEncoder(require, reasons);
  return reasons.length > 0 ? { encoder, grouping, recordDecoder, reason: reasons.join('; ') } : { encoder, grouping, recordDecoder };
}

/** Replaces a kafkajs module's export, unless a module that keeps a reference to it has loaded. */
function replaceBeforeUse(require: NodeJS.Require, module: string, replacement: object, users: string[], tooLate: string, reasons: string[]): Part {
  const path = require.resolve(module);
  if (isInstalled(require.cache[path]?.exports)) return 'lean';
  if (users.some((user) => require.cache[require.resolve(user)] !== undefined)) {
    reasons.push(tooLate);
    return 'kafkajs';
  }
  require(path);
  require.cache[path]!.exports = marked(replacement);
  return 'lean';
}

function installRequestEncoder(require: NodeJS.Require, reasons: string[]): Part {
  const v3Path = require.resolve(`${PRODUCE}/v3/request.js`);
  if (isInstalled(require.cache[v3Path]?.exports)) return 'lean';
  const wrappersLoaded = [4, 5, 6, 7].some((v) => require.cache[require.resolve(`${PRODUCE}/v${v}/request.js`)] !== undefined);
  if (wrappersLoaded) {
    reasons.push('kafkajs had produced before the lean encoder');
    return 'kafkajs';
  }
  const stock = require(v3Path) as ProduceRequestFactory;
  const Encoder = require('kafkajs/src/protocol/encoder.js') as KafkajsEncoderClass;
  require.cache[v3Path]!.exports = marked(leanProduceRequest(stock, Encoder));
  return 'lean';
}

/** kafkajs' request object with a lean `encode`; kafkajs' own encode when the lean one declines. */
function leanProduceRequest(stock: ProduceRequestFactory, Encoder: KafkajsEncoderClass): ProduceRequestFactory {
  return (input) => {
    const request = stock(input);
    return {
      ...request,
      encode: async () => {
        const bytes = encodeLeanProduceRequest(input, Date.now());
        if (!bytes) {
          requestCounts.kafkajs += 1;
          return request.encode();
        }
        requestCounts.lean += 1;
        return holding(Encoder, bytes);
      },
    };
  };
}

/** kafkajs frames a request by copying `encoder.buffer` (buf up to offset): hand it the bytes. */
function holding(Encoder: KafkajsEncoderClass, bytes: Buffer): KafkajsEncoder {
  const encoder = new Encoder(0);
  encoder.buf = bytes;
  encoder.offset = bytes.length;
  return encoder;
}

function marked<F extends object>(fn: F): F {
  return Object.assign(fn, { [INSTALLED]: true });
}

function isInstalled(exports: unknown): boolean {
  return typeof exports === 'function' && (exports as unknown as Record<symbol, unknown>)[INSTALLED] === true;
}

/** One line for logs: "lean", or which parts kafkajs kept and why. */
export function describeLeanKafkajs(status: LeanKafkajs): string {
  if (status.encoder === 'lean' && status.grouping === 'lean' && status.recordDecoder === 'lean') return 'lean';
  return `produce encoder ${status.encoder}, grouping ${status.grouping}, record decoder ${status.recordDecoder}${status.reason ? ` (${status.reason})` : ''}`;
}
