import { z } from 'zod';
import { changeEventSchema } from '@ledgerline/cdc';
import { TRANSACTION_EVENT_SCHEMA_VERSION, transactionEventSchema } from '@ledgerline/ingestion';
import { PriceBarSchema } from '@ledgerline/market-data';
import { KNOWN_CURRENCIES } from '@ledgerline/transactions';

/** A JSON Schema document as zod writes it (plain JSON). */
export type JsonSchema = Record<string, unknown>;

/**
 * The payload schemas of every topic, generated from the zod schemas the code validates with:
 * a field added, renamed or tightened in zod changes these files, and the drift spec fails until
 * they are regenerated (`npm run contracts`). Draft-07, the dialect AsyncAPI 3's default schema
 * format builds on. `io: 'input'` describes what a producer must send.
 *
 * JSON Schema cannot say everything zod checks; each description names the rules beyond it.
 */
function generated(schema: z.ZodType, id: string, title: string, description: string): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  const { $schema, ...rest } = json;
  return { $schema, $id: id, title, description, ...rest };
}

export function transactionEventJsonSchema(): JsonSchema {
  return generated(
    transactionEventSchema,
    'https://ledgerline.local/contracts/transaction-event.schema.json',
    `Transaction event (schema_version ${TRANSACTION_EVENT_SCHEMA_VERSION})`,
    'The value of a `transactions` topic event: one transaction as JSON (snake_case, money as decimal strings with two fraction digits), ' +
      'plus `schema_version` and `produced_at` (the version of its content: a newer produced_at replaces a stored row, an older one is ignored). ' +
      'Key: account_id. Checked beyond this schema (the event is dead-lettered with the reason): amount greater than 0, ' +
      `normalized_amount not negative, a currency the ledger has an FX rate for (${[...KNOWN_CURRENCIES].join(', ')}), ` +
      'valid UTF-8 with no lone surrogate and no NUL character, occurred_at at most microsecond precision, ' +
      'and a schema_version this consumer reads ("unsupported schema_version N" otherwise). Unknown fields are ignored.',
  );
}

export function changeEventJsonSchema(): JsonSchema {
  return generated(
    changeEventSchema,
    'https://ledgerline.local/contracts/change-event.schema.json',
    'Change event (Debezium-shaped)',
    'The value of a change topic `<prefix>.<schema>.<table>` event, shaped like Debezium\'s Postgres connector with the JSON converter and ' +
      '`schemas.enable=false`. Key: the JSON of the primary key (`{"tx_id":"..."}`), `null` for truncates. Checked beyond this schema: ' +
      'c and r carry only `after`, d only `before`, u an `after`, t neither. Numeric and int8 columns are strings; a TOASTed column an update ' +
      'did not touch is `__debezium_unavailable_value`.',
  );
}

export function priceBarJsonSchema(): JsonSchema {
  return generated(
    PriceBarSchema,
    'https://ledgerline.local/contracts/price-bar.schema.json',
    'Price bar (market.price-bar.v1)',
    'The value of a `prices` topic event: one OHLCV bar as its source reported it, prices as decimal strings. Key: `<source>|<symbol>`. ' +
      'Identity: (source, symbol, interval, openTime). Checked beyond this schema: openTime before closeTime, low not above high.',
  );
}
