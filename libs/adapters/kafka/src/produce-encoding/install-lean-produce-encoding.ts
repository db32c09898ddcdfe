import { encodeLeanProduceRequest, type ProduceRequestInput } from './produce-request-encoder.ts';
import { groupMessagesPerPartition } from './group-messages-per-partition.ts';

/** The kafkajs release whose produce internals the lean encoder was compared against, byte for byte. */
export const LEAN_ENCODING_KAFKAJS_VERSION = '2.2.4';

export interface ProduceEncoding {
  /** Who encodes Produce requests: the lean encoder (falling back per request) or kafkajs alone. */
  encoder: 'lean' | 'kafkajs';
  /** Who groups a send's messages by partition. */
  grouping: 'lean' | 'kafkajs';
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

const INSTALLED = Symbol.for('ledgerline.kafkajs.leanProduceEncoding');

/** Produce requests encoded so far in this process, by whom (kafkajs: declined by the lean one). */
const requestCounts = { lean: 0, kafkajs: 0 };

export function produceRequestCounts(): { lean: number; kafkajs: number } {
  return { ...requestCounts };
}
const PRODUCE = 'kafkajs/src/protocol/requests/produce';

/**
 * Puts the lean produce path into kafkajs through Node's module cache (documented as writable):
 * the v3 Produce request module — which v4 to v7 wrap — and the per-partition grouping. kafkajs'
 * files stay untouched, and anything the lean encoder does not cover still goes to kafkajs.
 *
 * Must run before kafkajs is loaded (its producer keeps a reference to the grouping function) and
 * before its first produce (v4-v7 keep one to v3). Whatever was loaded too early stays kafkajs',
 * and the result says so. Idempotent. Only for the kafkajs version it was checked against.
 */
export function installLeanProduceEncoding(require: NodeJS.Require): ProduceEncoding {
  const version = (require('kafkajs/package.json') as { version?: unknown }).version;
  if (version !== LEAN_ENCODING_KAFKAJS_VERSION) {
    return { encoder: 'kafkajs', grouping: 'kafkajs', reason: `kafkajs ${String(version)} is not ${LEAN_ENCODING_KAFKAJS_VERSION}, the version the lean encoder was checked against` };
  }
  const reasons: string[] = [];
  const grouping = installGrouping(require, reasons);
  const encoder = installRequestEncoder(require, reasons);
  return reasons.length > 0 ? { encoder, grouping, reason: reasons.join('; ') } : { encoder, grouping };
}

function installGrouping(require: NodeJS.Require, reasons: string[]): 'lean' | 'kafkajs' {
  const groupingPath = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
  if (isInstalled(require.cache[groupingPath]?.exports)) return 'lean';
  if (require.cache[require.resolve('kafkajs/src/producer/sendMessages.js')]) {
    reasons.push('kafkajs was loaded before the lean grouping could be installed');
    return 'kafkajs';
  }
  require(groupingPath);
  require.cache[groupingPath]!.exports = marked(groupMessagesPerPartition);
  return 'lean';
}

function installRequestEncoder(require: NodeJS.Require, reasons: string[]): 'lean' | 'kafkajs' {
  const v3Path = require.resolve(`${PRODUCE}/v3/request.js`);
  if (isInstalled(require.cache[v3Path]?.exports)) return 'lean';
  const wrappersLoaded = [4, 5, 6, 7].some((v) => require.cache[require.resolve(`${PRODUCE}/v${v}/request.js`)] !== undefined);
  if (wrappersLoaded) {
    reasons.push('kafkajs had produced before the lean encoder could be installed');
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
export function describeProduceEncoding(encoding: ProduceEncoding): string {
  if (encoding.encoder === 'lean' && encoding.grouping === 'lean') return 'lean';
  return `encoder ${encoding.encoder}, grouping ${encoding.grouping}${encoding.reason ? ` (${encoding.reason})` : ''}`;
}
