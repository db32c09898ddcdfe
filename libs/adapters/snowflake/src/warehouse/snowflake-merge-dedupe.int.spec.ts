import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnowflake, uniqueName, type SnowflakeTestEndpoint } from '@ledgerline/testing';
import type { WarehouseBatch } from '@ledgerline/warehouse-sync';
import { canonicalRow, CONTRACT_TABLE, contractItem, contractTombstone } from '@ledgerline/warehouse-sync/testing';
import { createSnowflakeConnection, type SnowflakeConnection } from '../client/create-snowflake-connection.ts';
import type { SnowflakeConfigInput } from '../configuration.ts';
import { createSnowflakeWarehouse } from './factory.ts';
import { readSnowflakeRawRows } from './read-raw-rows.ts';
import { rawSchema } from './sql/identifiers.ts';

// The port promises one entry per key per batch, but Snowflake fails (or double-inserts) a MERGE
// whose source repeats a key, so the adapter deduplicates the staged rows itself. These batches
// break the promise on purpose: repeated live rows of one key, and a live row plus a tombstone
// of another, through both staging paths (array binds and the staged CSV file).
let endpoint: SnowflakeTestEndpoint;
let reader: SnowflakeConnection;
let scratch: string;

const connectionFor = (schema: string): SnowflakeConfigInput => ({
  account: 'emulator',
  username: 'dedupe',
  password: 'emulator-only',
  accessUrl: endpoint.accessUrl,
  database: 'LEDGERLINE',
  schema,
});

function repeatedKeys(fromXid: bigint, toXid: bigint, extra: number): WarehouseBatch {
  const filler = Array.from({ length: extra }, (_, i) => contractItem(`f-${String(i).padStart(4, '0')}`, BigInt(100 + i)));
  return {
    table: CONTRACT_TABLE,
    upserts: [
      contractItem('dup', 3n, { amount: '3.00' }),
      contractItem('dup', 7n, { amount: '7.00', label: 'latest' }),
      contractItem('dup', 5n, { amount: '5.00' }),
      contractItem('revived', 9n, { label: 'alive again' }),
      contractItem('deleted', 1n, { label: 'short-lived' }),
      ...filler,
    ],
    deletes: [contractTombstone('deleted', 2n), contractTombstone('revived', 8n)],
    watermark: { fromXid, toXid, done: true },
  };
}

async function loadTwice(schema: string, stagedFileThreshold: number, extra: number) {
  const warehouse = createSnowflakeWarehouse({
    connection: connectionFor(schema),
    settings: { retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 }, stagedFileThreshold, stagingDir: scratch },
  });
  try {
    await warehouse.ensureSchema([CONTRACT_TABLE]);
    await warehouse.applyBatch(repeatedKeys(0n, 10n, extra)); // every key new: NOT MATCHED
    await warehouse.applyBatch(repeatedKeys(10n, 20n, extra)); // every key known: MATCHED
  } finally {
    await warehouse.close();
  }
  const rows = await readSnowflakeRawRows(reader, { database: 'LEDGERLINE', schema }, CONTRACT_TABLE);
  await reader.execute(`DROP SCHEMA IF EXISTS ${rawSchema({ database: 'LEDGERLINE', schema })} CASCADE`);
  return rows.map((r) => canonicalRow(CONTRACT_TABLE, r)).filter((r) => !String(r.item_id).startsWith('f-'));
}

const expected = [
  // A new key whose latest change is a delete lands as a tombstone with no data, as a lone one would.
  { item_id: 'deleted', _deleted: true, _change_seq: 2n, label: null, amount: null },
  { item_id: 'dup', _deleted: false, _change_seq: 7n, amount: '7.00', label: 'latest' },
  { item_id: 'revived', _deleted: false, _change_seq: 9n, label: 'alive again' },
];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'snowflake-dedupe-'));
  endpoint = await startSnowflake();
  reader = await createSnowflakeConnection(connectionFor('PUBLIC'));
});

afterAll(async () => {
  await reader?.close();
  await endpoint?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('SnowflakeWarehouse MERGE with repeated keys in one batch', () => {
  it('keeps one row per key, the highest change_seq, through array binds', async () => {
    const rows = await loadTwice(uniqueName('raw').toUpperCase(), 1_000, 0);
    expect(rows.sort((a, b) => String(a.item_id).localeCompare(String(b.item_id)))).toMatchObject(expected);
    expect(rows).toHaveLength(3);
  });

  it('keeps one row per key, the highest change_seq, through the staged CSV file', async () => {
    const rows = await loadTwice(uniqueName('raw').toUpperCase(), 10, 20);
    expect(rows.sort((a, b) => String(a.item_id).localeCompare(String(b.item_id)))).toMatchObject(expected);
    expect(rows).toHaveLength(3);
  });
});
