import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installLeanKafkajs } from './install-lean-kafkajs.ts';
import { requireKafkajsOriginal, type ProduceRequestV3 } from './kafkajs-originals.test-helper.ts';

const require = createRequire(import.meta.url);

/** What the adapter reports in a fresh Node process, optionally after loading kafkajs itself first. */
function encodingInFreshProcess(loadKafkajsFirst: boolean): Record<string, unknown> {
  const child = `
${loadKafkajsFirst ? "await import('kafkajs');" : ''}
const { leanKafkajs } = await import('@ledgerline/kafka');
console.log(JSON.stringify(leanKafkajs));
`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

type ProduceProtocol = { protocol: (args: { version: number }) => (input: object) => { request: { apiVersion: number; encode: () => Promise<{ buffer: Buffer }> } } };

describe('installLeanKafkajs', () => {
  beforeEach(() => vi.spyOn(Date, 'now').mockReturnValue(1_767_225_600_000));
  afterEach(() => vi.restoreAllMocks());

  it('is in place when the adapter is the first to load kafkajs', () => {
    expect(encodingInFreshProcess(false)).toEqual({ encoder: 'lean', grouping: 'lean', recordDecoder: 'lean' });
  });

  it('says what stayed with kafkajs when kafkajs was loaded before the adapter', () => {
    expect(encodingInFreshProcess(true)).toMatchObject({ encoder: 'lean', grouping: 'kafkajs', recordDecoder: 'lean', reason: expect.stringContaining('loaded before') });
  });

  it("makes kafkajs' Produce v3-v7 requests encode leanly, with kafkajs' bytes, and leaves compressed ones to kafkajs", async () => {
    // Nothing has produced in this worker, so the encoder can still go in (idempotent if it is).
    expect(installLeanKafkajs(require).encoder).toBe('lean');
    const produce = require('kafkajs/src/protocol/requests/produce/index.js') as ProduceProtocol;
    const original = requireKafkajsOriginal<ProduceRequestV3>('src/protocol/requests/produce/v3/request.js');
    const messages = Array.from({ length: 40 }, (_, i) => ({ key: `acct-${i % 4}`, value: `{"n":${i},"city":"Málaga"}`, headers: i % 5 === 0 ? { reason: 'bad' } : undefined }));
    const input = { acks: -1, timeout: 30_000, producerId: 9, producerEpoch: 2, topicData: [{ topic: 't', partitions: [{ partition: 1, firstSequence: 77, messages }] }] };
    const expected = (await original(input).encode()).buffer;
    for (const version of [3, 4, 5, 6, 7]) {
      const { request } = produce.protocol({ version })(input);
      expect(request.apiVersion).toBe(version);
      expect((await request.encode()).buffer.equals(expected)).toBe(true);
    }
    const gzip = { ...input, compression: 1 };
    const compressed = (await produce.protocol({ version: 7 })(gzip).request.encode()).buffer;
    expect(compressed.equals((await original(gzip).encode()).buffer)).toBe(true);
    expect(compressed.length).toBeLessThan(expected.length);
  });
});
