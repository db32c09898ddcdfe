import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WarehouseLockedError } from '@ledgerline/warehouse-sync';
import type { WarehouseSession } from './client.ts';
import { rawTable, type RawTarget } from './sql/identifiers.ts';
import { acquireLockSql, releaseLockSql, renewLockSql, selectLockSql } from './sql/lock-sql.ts';
import { SYNC_LOCK_TABLE } from './sql/schema-ddl.ts';

const lockRowSchema = z.object({ OWNER: z.string(), ACQUIRED_AT: z.date(), EXPIRES_AT: z.date() });

/** Unique per withLock call: host and pid for people, a random suffix so two handles of one process differ. */
export function newLockOwner(): string {
  return `${hostname()} pid ${process.pid} (${randomUUID().slice(0, 8)})`;
}

/**
 * Takes the named lock in `_SYNC_LOCK` or throws WarehouseLockedError naming the holder. The
 * lock is held only when every row of that name names us: Snowflake does not enforce the primary
 * key, so should two takers ever both insert, both back off (and the rows expire).
 */
export async function acquireSyncLock(session: WarehouseSession, target: RawTarget, name: string, owner: string, ttlSeconds: number): Promise<void> {
  await session.execute(acquireLockSql(target, ttlSeconds), { binds: [name, owner] });
  const { rows } = await session.execute(selectLockSql(target), { binds: [name] });
  const holders = rows.map((row) => lockRowSchema.parse(row));
  if (holders.length > 0 && holders.every((h) => h.OWNER === owner)) return;
  if (holders.some((h) => h.OWNER === owner)) await session.execute(releaseLockSql(target), { binds: [name, owner] });
  const other = holders.find((h) => h.OWNER !== owner);
  const where = `row in ${rawTable(target, SYNC_LOCK_TABLE)}`;
  throw new WarehouseLockedError(
    name,
    other
      ? `${other.OWNER} since ${other.ACQUIRED_AT.toISOString()} (lease until ${other.EXPIRES_AT.toISOString()}; ${where})`
      : `an unknown holder (${where})`,
  );
}

/** Extends our lease; false when it is no longer ours (expired and taken over). */
export async function renewSyncLock(session: WarehouseSession, target: RawTarget, name: string, owner: string, ttlSeconds: number): Promise<boolean> {
  const { numUpdatedRows } = await session.execute(renewLockSql(target, ttlSeconds), { binds: [name, owner] });
  return numUpdatedRows === 1;
}

export async function releaseSyncLock(session: WarehouseSession, target: RawTarget, name: string, owner: string): Promise<void> {
  await session.execute(releaseLockSql(target), { binds: [name, owner] });
}
