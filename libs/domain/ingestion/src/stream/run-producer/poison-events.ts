import type { Transaction } from '@ledgerline/transactions';
import type { OutgoingEvent } from '../event-publisher.port.ts';
import { encodeTransactionEvent } from '../transaction-event.ts';

/** The ways an injected bad event is broken; each must end in the DLQ, never in Postgres. */
export const POISON_KINDS = ['bad_json', 'negative_amount', 'unknown_currency', 'missing_field'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

/** A currency with an ISO-shaped code but no FX rate ("XXX" is ISO's "no currency"). */
const UNKNOWN_CURRENCY = 'XXX';

/** A transaction turned into an event the sink must reject, for fault tests and demos. */
export function poisonEvent(kind: PoisonKind, tx: Transaction, producedAt: Date): OutgoingEvent {
  const valid = JSON.parse(encodeTransactionEvent(tx, producedAt)) as Record<string, unknown>;
  switch (kind) {
    case 'bad_json':
      // Cut mid-document: not parseable.
      return { key: tx.account_id, value: JSON.stringify(valid).slice(0, 40) };
    case 'negative_amount':
      return { key: tx.account_id, value: JSON.stringify({ ...valid, amount: `-${tx.amount}` }) };
    case 'unknown_currency':
      return { key: tx.account_id, value: JSON.stringify({ ...valid, currency: UNKNOWN_CURRENCY }) };
    case 'missing_field': {
      const { occurred_at: _dropped, ...rest } = valid;
      return { key: tx.account_id, value: JSON.stringify(rest) };
    }
  }
}

/** mulberry32: a tiny seeded PRNG, so the same seed injects poison at the same positions. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per event, whether it is poisoned and how (kinds in rotation). */
export class PoisonInjector {
  private readonly random: () => number;
  private next = 0;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`poison rate must be within 0..1, got ${rate}`);
    this.random = seededRandom(seed);
  }

  pick(): PoisonKind | undefined {
    if (this.rate === 0 || this.random() >= this.rate) return undefined;
    const kind = POISON_KINDS[this.next % POISON_KINDS.length];
    this.next += 1;
    return kind;
  }
}
