import { z } from 'zod';
import type { SyncWatermark } from '@ledgerline/warehouse-sync';
import type { WarehouseSession } from './client.ts';
import type { RawTarget } from './sql/identifiers.ts';
import { selectSyncStateSql } from './sql/sync-state-sql.ts';

const integerText = z.string().regex(/^-?\d+$/, 'expected an integer');

// NUMBER(38,0) is fetched as text so that values above 2^53 stay exact.
const syncStateRowSchema = z.object({
  XMIN_HORIZON: integerText.nullable(),
  WATERMARK: integerText.nullable(),
  UPDATED_AT: z.date(),
});

/** The table's `_SYNC_STATE` row, or null when it was never synced (or fully refreshed). */
export async function readSyncState(session: WarehouseSession, target: RawTarget, table: string): Promise<SyncWatermark | null> {
  const { rows } = await session.execute(selectSyncStateSql(target), { binds: [table], fetchAsString: ['Number'] });
  if (rows.length === 0) return null;
  if (rows.length > 1) throw new Error(`${table}: ${rows.length} rows in _SYNC_STATE; expected one`);
  const row = syncStateRowSchema.parse(rows[0]);
  return {
    table,
    horizon: row.XMIN_HORIZON === null ? 0n : BigInt(row.XMIN_HORIZON),
    maxChangeSeq: row.WATERMARK === null ? null : BigInt(row.WATERMARK),
    updatedAt: row.UPDATED_AT.toISOString(),
  };
}
