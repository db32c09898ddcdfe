import { Counter, Gauge, type Registry } from 'prom-client';

/** What a producer publishes: the main job's producer stage and the producer app. */
export function createProducerMetrics(registry: Registry) {
  return {
    eventsProduced: new Counter({ name: 'ledgerline_events_produced_total', help: 'Events published to the bus', registers: [registry] }),
  };
}

/** What a stream sink lands: the main job's sink stage and the stream-sink app. */
export function createSinkMetrics(registry: Registry) {
  return {
    eventsLanded: new Counter({ name: 'ledgerline_events_landed_total', help: 'Events upserted into the store', registers: [registry] }),
    eventsDeadLettered: new Counter({ name: 'ledgerline_events_dlq_total', help: 'Invalid events sent to the DLQ', registers: [registry] }),
    consumerLag: new Gauge({ name: 'ledgerline_consumer_lag', help: 'Messages produced but not yet landed', registers: [registry] }),
  };
}

export type SinkMetrics = ReturnType<typeof createSinkMetrics>;

/** What the sink has done so far, as cumulative counts (and its lag, when it knows it). */
export interface SinkTotals {
  stored: number;
  deadLettered: number;
  lag?: number;
}

/**
 * Moves the sink's cumulative counts into the landed/DLQ counters as they grow (each tick adds the
 * difference), so `rate(ledgerline_events_landed_total[1m])` follows the stream while it runs
 * instead of jumping once at shutdown; the lag gauge follows `lag` when given. Call `flush` once
 * more after the sink stopped.
 */
export function trackSinkTotals(metrics: SinkMetrics, totals: () => SinkTotals, everyMs = 1000): { flush(): void; stop(): void } {
  let seen = { stored: 0, deadLettered: 0 };
  const flush = () => {
    const now = totals();
    if (now.stored > seen.stored) metrics.eventsLanded.inc(now.stored - seen.stored);
    if (now.deadLettered > seen.deadLettered) metrics.eventsDeadLettered.inc(now.deadLettered - seen.deadLettered);
    if (now.lag !== undefined) metrics.consumerLag.set(now.lag);
    seen = { stored: Math.max(seen.stored, now.stored), deadLettered: Math.max(seen.deadLettered, now.deadLettered) };
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}
