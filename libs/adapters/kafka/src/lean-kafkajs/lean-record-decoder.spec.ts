import { describe, expect, it } from 'vitest';
import { decodeRecord, type KafkajsDecoder, type RecordBatchContext } from './lean-record-decoder.ts';
import { requireKafkajsOriginal } from './kafkajs-originals.test-helper.ts';

type Encode = (record: object) => { buffer: Buffer };
type DecoderClass = new (buffer: Buffer) => KafkajsDecoder & { readVarIntBytes(): Buffer };
const encodeRecord = requireKafkajsOriginal<Encode>('src/protocol/recordBatch/record/v0/index.js');
const kafkajsDecodeRecord = requireKafkajsOriginal<typeof decodeRecord>('src/protocol/recordBatch/record/v0/decoder.js');
const Decoder = requireKafkajsOriginal<DecoderClass>('src/protocol/decoder.js');
const Long = requireKafkajsOriginal<{ fromValue: (v: string) => object }>('src/utils/long.js');

/** A record's body as kafkajs' batch decoder hands it over: length prefix read, a fresh Decoder on the rest. */
function recordDecoder(record: object): KafkajsDecoder {
  return new Decoder(new Decoder(encodeRecord(record).buffer).readVarIntBytes());
}

function decodeBoth(record: object, context: RecordBatchContext) {
  const lean = recordDecoder(record);
  const stock = recordDecoder(record);
  const result = { lean: decodeRecord(lean, context), kafkajs: kafkajsDecodeRecord(stock, context) };
  expect(lean.offset).toBe(stock.offset);
  return result;
}

const batch = (overrides: RecordBatchContext = {}): RecordBatchContext => ({ firstOffset: '1200', firstTimestamp: '1767225600000', maxTimestamp: '1767225600999', magicByte: 2, isControlBatch: false, timestampType: 0, ...overrides });

describe('decodeRecord (lean)', () => {
  it("decodes what kafkajs decodes: offsets, timestamps, keys, values and headers", () => {
    const records = [
      { offsetDelta: 0, timestampDelta: 0, key: 'acct-1', value: '{"amount":"1.00"}' },
      { offsetDelta: 127, timestampDelta: 5, key: null, value: 'é€🙂' },
      { offsetDelta: 128, timestampDelta: -3, key: Buffer.from([0, 255]), value: null },
      { offsetDelta: 1_000_000, timestampDelta: 2 ** 40, key: 'k', value: 'x'.repeat(20_000) },
      { offsetDelta: 3, timestampDelta: 0, key: 'k', value: 'v', headers: { reason: 'bad', partition: Buffer.from('2'), tags: ['a', 'b', 'c'] } },
    ];
    for (const context of [batch(), batch({ firstOffset: '0' })]) {
      for (const record of records) {
        const { lean, kafkajs } = decodeBoth(record, context);
        expect(lean).toEqual(kafkajs);
      }
    }
  });

  it('matches kafkajs beyond safe integers, for log-append time and for control batches', () => {
    const huge = batch({ firstOffset: '9007199254740990', firstTimestamp: '9007199254740000' });
    for (const record of [{ offsetDelta: 10, timestampDelta: 5_000, key: 'k', value: 'v' }, { offsetDelta: 1, timestampDelta: Long.fromValue('72057594037927936'), key: 'k', value: 'v' }]) {
      const { lean, kafkajs } = decodeBoth(record, huge);
      expect(lean).toEqual(kafkajs);
    }
    const { lean: appended, kafkajs: appendedStock } = decodeBoth({ offsetDelta: 1, timestampDelta: 7, key: 'k', value: 'v' }, batch({ timestampType: 1 }));
    expect(appended.timestamp).toBe('1767225600999');
    expect(appended).toEqual(appendedStock);
    const { lean: control, kafkajs: controlStock } = decodeBoth({ offsetDelta: 0, timestampDelta: 0, key: 'k', value: 'v' }, batch({ isControlBatch: true }));
    expect(control.isControlRecord).toBe(true);
    expect(control).toEqual(controlStock);
  });

  it('keeps a repeated header name as an array, like kafkajs', () => {
    // kafkajs' encoder writes one header per array element, so a name repeats on the wire.
    const { lean, kafkajs } = decodeBoth({ offsetDelta: 0, timestampDelta: 0, key: 'k', value: 'v', headers: { n: ['1', '2'], m: 'x' } }, batch());
    expect(lean.headers.n).toEqual([Buffer.from('1'), Buffer.from('2')]);
    expect(lean).toEqual(kafkajs);
  });

  it('stores a header named "__proto__" as a plain field (kafkajs reads the prototype there and mixes it in)', () => {
    const { lean } = decodeBoth({ offsetDelta: 0, timestampDelta: 0, key: 'k', value: 'v', headers: { ['__proto__']: 'p' } }, batch());
    expect(Object.getPrototypeOf(lean.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(lean.headers, '__proto__')?.value).toEqual(Buffer.from('p'));
  });

  it('uses each batch’s own bases when batches alternate', () => {
    const a = batch({ firstOffset: '10' });
    const b = batch({ firstOffset: '5000', firstTimestamp: '1700000000000' });
    const record = { offsetDelta: 2, timestampDelta: 1, key: 'k', value: 'v' };
    expect([decodeRecord(recordDecoder(record), a).offset, decodeRecord(recordDecoder(record), b).offset, decodeRecord(recordDecoder(record), a).offset]).toEqual(['12', '5002', '12']);
    expect(decodeRecord(recordDecoder(record), b).timestamp).toBe('1700000000001');
  });
});
