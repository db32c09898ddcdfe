import type { EventPublisher } from '@ledgerline/ingestion';

/** The publisher, telling `onPublished` how many events each publish had acknowledged (after the acks, never before). */
export function countedPublisher(inner: EventPublisher, onPublished: (count: number) => void): EventPublisher {
  return {
    publish: async (topic, messages) => {
      await inner.publish(topic, messages);
      onPublished(messages.length);
    },
    flush: () => inner.flush(),
    close: () => inner.close(),
  };
}
