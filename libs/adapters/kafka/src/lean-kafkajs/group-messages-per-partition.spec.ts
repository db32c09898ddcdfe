import { describe, expect, it } from 'vitest';
import { groupMessagesPerPartition, type GroupMessagesInput } from './group-messages-per-partition.ts';
import { requireKafkajsOriginal } from './kafkajs-originals.test-helper.ts';

const kafkajsGrouping = requireKafkajsOriginal<typeof groupMessagesPerPartition>('src/producer/groupMessagesPerPartition.js');

describe('groupMessagesPerPartition', () => {
  const messages = Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 7}`, value: String(i) }));
  const partitioner: GroupMessagesInput<(typeof messages)[number]>['partitioner'] = ({ message, partitionMetadata }) =>
    Number(message.key.slice(1)) % partitionMetadata.length;

  it("groups like kafkajs: each partition's messages in send order", () => {
    const input = { topic: 't', partitionMetadata: [{}, {}, {}], messages, partitioner };
    const grouped = groupMessagesPerPartition(input);
    expect(grouped).toEqual(kafkajsGrouping(input));
    expect(Object.keys(grouped)).toEqual(['0', '1', '2']);
    expect(grouped[1]).toEqual(messages.filter((_, i) => (i % 7) % 3 === 1));
    expect(grouped[1]!.length).toBeGreaterThan(10);
  });

  it('returns no partitions when the topic has no partition metadata, like kafkajs', () => {
    const input = { topic: 't', partitionMetadata: [], messages, partitioner };
    expect(groupMessagesPerPartition(input)).toEqual({});
    expect(kafkajsGrouping(input)).toEqual({});
  });
});
