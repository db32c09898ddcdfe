import { z } from 'zod';
import { isKnownCurrency, transactionSchema, type Transaction } from '@ledgerline/transactions';

/** Version of the event layout; a consumer rejects versions it does not know. */
export const TRANSACTION_EVENT_SCHEMA_VERSION = 1;

/**
 * The wire format of the `transactions` topic: the canonical Transaction plus the layout version
 * and when the producer sent it. JSON, snake_case, money as decimal strings. A currency without
 * an FX rate is rejected here, because the sink could not normalise it later.
 */
export const transactionEventSchema = transactionSchema
  .extend({
    schema_version: z.literal(TRANSACTION_EVENT_SCHEMA_VERSION),
    produced_at: z.iso.datetime({ offset: true }),
  })
  .superRefine((event, ctx) => {
    if (!isKnownCurrency(event.currency)) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: `unknown currency ${event.currency}` });
    }
  });

export type TransactionEvent = z.infer<typeof transactionEventSchema>;

export type DecodeResult = { ok: true; event: TransactionEvent } | { ok: false; reason: string };

export function encodeTransactionEvent(tx: Transaction, producedAt: Date): string {
  const event: TransactionEvent = {
    ...tx,
    schema_version: TRANSACTION_EVENT_SCHEMA_VERSION,
    produced_at: producedAt.toISOString(),
  };
  return JSON.stringify(event);
}

/** Parses and validates one event's bytes; never throws, so one bad event cannot fail a batch. */
export function decodeTransactionEvent(bytes: Buffer | string): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = transactionEventSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(event)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: `invalid event: ${reason}` };
  }
  return { ok: true, event: parsed.data };
}

/** The stored row of an event: the transaction, stamped with where it came from. */
export function transactionFromEvent(event: TransactionEvent, sourceRef: string): Transaction {
  const { schema_version: _version, produced_at: _producedAt, ...tx } = event;
  return { ...tx, source: 'stream', source_ref: sourceRef };
}
