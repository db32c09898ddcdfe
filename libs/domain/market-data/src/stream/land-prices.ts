import { deadLetterTopic, retryWithBackoff, toDeadLetter, type BackoffPolicy, type EventBatch, type EventPublisher, type EventSubscriber, type Sleep, type Subscription } from '@ledgerline/ingestion';
import { PriceBarSchema, type PriceBar } from '../model/price-bar.ts';
import type { MarketRawStore } from '../ports/market-raw-store.port.ts';
import { PRICE_EVENT_SCHEMA_V1 as PRICE_EVENT_SCHEMA, PRICES_TOPIC } from './stream-prices.ts';

export const PRICES_GROUP_ID = 'ledgerline-market-prices';

export interface LandPricesDeps {
  subscriber: EventSubscriber;
  /** Where rejected events go (`prices.dlq`), untouched and with the reason. */
  deadLetters: Pick<EventPublisher, 'publish'>;
  store: Pick<MarketRawStore, 'upsertBars'>;
  now: () => Date;
  onLanded?: (counts: { landed: number; deadLettered: number }) => void;
  onRetry?: (error: unknown, attempt: number) => void;
  sleep?: Sleep;
  backoff?: BackoffPolicy;
}

export interface LandPricesOptions {
  topic?: string;
  groupId?: string;
  maxBatchSize?: number;
}

export interface PriceLandingStats {
  landed: number;
  deadLettered: number;
}

type Decoded = { ok: true; bar: PriceBar; recordSource: string } | { ok: false; reason: string };

/** One event of the `prices` topic as streamPrices wrote it; anything else says why not. */
export function decodePriceEvent(value: Buffer, headers: Record<string, string>, tombstone = false): Decoded {
  if (tombstone) return { ok: false, reason: 'tombstone: a price event always has a value' };
  if (headers['ledgerline-schema'] !== PRICE_EVENT_SCHEMA) return { ok: false, reason: `header ledgerline-schema is ${JSON.stringify(headers['ledgerline-schema'] ?? null)}, expected ${PRICE_EVENT_SCHEMA}` };
  const recordSource = headers['record-source'];
  if (!recordSource || !/^[a-z]+:[a-z][a-z0-9-]+$/.test(recordSource)) return { ok: false, reason: `header record-source is ${JSON.stringify(recordSource ?? null)}, expected "<kind>:<source>"` };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = PriceBarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a price bar: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim() };
  }
  if (!recordSource.endsWith(`:${parsed.data.source}`)) return { ok: false, reason: `record-source ${recordSource} does not name the bar's source ${parsed.data.source}` };
  return { ok: true, bar: parsed.data, recordSource };
}

/**
 * Lands the `prices` topic in RAW the way the stream sink lands transactions: a consumer group,
 * each batch decoded event by event, bad events to `prices.dlq` with the reason (the batch goes
 * on), good ones upserted on (source, symbol, interval, open_time). The bus commits a batch only
 * after eachBatch returns, i.e. after the upsert committed; a redelivered batch upserts identical
 * values, which the store counts as unchanged: at-least-once delivery, exactly-once effect.
 * A store that fails (the warehouse file is busy, the disk is full) is retried with back-off
 * until it works or the subscription stops; nothing is skipped.
 */
export async function landPrices(deps: LandPricesDeps, options: LandPricesOptions = {}): Promise<{ subscription: Subscription; stats: () => PriceLandingStats }> {
  const topic = options.topic ?? PRICES_TOPIC;
  const stats: PriceLandingStats = { landed: 0, deadLettered: 0 };
  const handle = async (batch: EventBatch): Promise<void> => {
    const bySource = new Map<string, PriceBar[]>();
    const rejected = [];
    for (const event of batch.messages) {
      const decoded = decodePriceEvent(event.value, event.headers, event.tombstone === true);
      if (!decoded.ok) {
        rejected.push(toDeadLetter(batch, event, decoded.reason, deps.now()));
        continue;
      }
      const group = bySource.get(decoded.recordSource) ?? [];
      group.push(decoded.bar);
      bySource.set(decoded.recordSource, group);
    }
    // Rejected events are on the DLQ before the batch can be committed.
    if (rejected.length > 0) await deps.deadLetters.publish(deadLetterTopic(topic), rejected);
    let landed = 0;
    for (const [recordSource, bars] of bySource) {
      const source = bars[0]?.source ?? '';
      await retryWithBackoff(() => deps.store.upsertBars(bars, { source, recordSource, loadedAt: deps.now().toISOString() }), {
        what: `landing ${bars.length} ${recordSource} bars`,
        signal: batch.signal,
        ...(deps.backoff ? { policy: deps.backoff } : { policy: { initialMs: 250, maxMs: 10_000, jitter: 0.2 } }),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        onRetry: async (error, attempt) => {
          deps.onRetry?.(error, attempt);
          await batch.heartbeat();
        },
      });
      landed += bars.length;
    }
    stats.landed += landed;
    stats.deadLettered += rejected.length;
    deps.onLanded?.({ landed, deadLettered: rejected.length });
  };
  const subscription = await deps.subscriber.run({
    topic,
    groupId: options.groupId ?? PRICES_GROUP_ID,
    eachBatch: handle,
    ...(options.maxBatchSize ? { maxBatchSize: options.maxBatchSize } : {}),
  });
  return { subscription, stats: () => ({ ...stats }) };
}
