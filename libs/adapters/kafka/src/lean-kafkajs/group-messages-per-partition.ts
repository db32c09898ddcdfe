export interface GroupMessagesInput<M> {
  topic: string;
  partitionMetadata: readonly unknown[];
  messages: readonly M[];
  partitioner: (args: { topic: string; partitionMetadata: readonly unknown[]; message: M }) => number;
}

/**
 * kafkajs' `groupMessagesPerPartition` (producer/groupMessagesPerPartition.js) with the same
 * result — partition -> its messages in send order — in linear time. kafkajs copies the
 * partition's whole array for every message it adds: quadratic, about a microsecond per event
 * at 1,000 events per send over 6 partitions.
 */
export function groupMessagesPerPartition<M>({ topic, partitionMetadata, messages, partitioner }: GroupMessagesInput<M>): Record<number, M[]> {
  const grouped: Record<number, M[]> = {};
  if (partitionMetadata.length === 0) return grouped;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    const current = grouped[partition];
    if (current) current.push(message);
    else grouped[partition] = [message];
  }
  return grouped;
}
