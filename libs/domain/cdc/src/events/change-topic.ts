// Kafka topic names allow [a-zA-Z0-9._-] up to 249 characters.
const TOPIC_PART = /^[A-Za-z0-9_-]+$/;

/** One topic per table, Debezium's naming: `<prefix>.<schema>.<table>`. */
export function changeTopic(prefix: string, schema: string, table: string): string {
  for (const [what, part] of [['prefix', prefix], ['schema', schema], ['table', table]] as const) {
    // A dot inside a part would make two tables share a topic name (a.b.c could be a.b + c).
    if (!TOPIC_PART.test(part)) throw new Error(`cannot name a change topic: ${what} ${JSON.stringify(part)} must match [A-Za-z0-9_-]+`);
  }
  const topic = `${prefix}.${schema}.${table}`;
  if (topic.length > 249) throw new Error(`change topic name longer than Kafka's 249 characters: ${topic}`);
  return topic;
}
