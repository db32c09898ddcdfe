import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.ts';
import { requireKafkajsOriginal } from './kafkajs-originals.test-helper.ts';

// kafkajs' byte-at-a-time CRC-32C: the reference the sliced version must agree with.
const kafkajsCrc32c = requireKafkajsOriginal<(bytes: Buffer) => number>('src/protocol/recordBatch/crc32C/crc32C.js');

describe('crc32c', () => {
  it('matches the CRC-32C check value and the empty input', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it("agrees with kafkajs' implementation on every length around the 8-byte steps and on sub-ranges", () => {
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
    for (let length = 0; length <= 40; length++) expect(crc32c(bytes, 0, length)).toBe(kafkajsCrc32c(bytes.subarray(0, length)));
    for (const [start, end] of [[3, 300], [1, 9], [17, 18], [250, 300]] as const) {
      expect(crc32c(bytes, start, end)).toBe(kafkajsCrc32c(bytes.subarray(start, end)));
    }
  });
});
