import { rawTable, type RawTarget } from './identifiers.ts';
import { SYNC_LOCK_TABLE } from './schema-ddl.ts';

function expiry(ttlSeconds: number): string {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError(`lock TTL must be a positive whole number of seconds, got ${ttlSeconds}`);
  return `CURRENT_TIMESTAMP() + INTERVAL '${ttlSeconds} seconds'`;
}

/**
 * Binds: lock name, owner. Takes the lock when nobody holds it or the holder's lease expired
 * (a crashed sync); a live lease of someone else is left alone (0 rows changed). Snowflake does
 * not enforce the primary key, so the caller reads the rows back and holds the lock only when
 * every row of that name names it (see sync-lock.ts).
 */
export function acquireLockSql(target: RawTarget, ttlSeconds: number): string {
  return [
    `MERGE INTO ${rawTable(target, SYNC_LOCK_TABLE)} AS t`,
    'USING (SELECT ? AS "LOCK_NAME", ? AS "OWNER") AS s',
    'ON t."LOCK_NAME" = s."LOCK_NAME"',
    `WHEN MATCHED AND t."EXPIRES_AT" < CURRENT_TIMESTAMP() THEN UPDATE SET "OWNER" = s."OWNER", "ACQUIRED_AT" = CURRENT_TIMESTAMP(), "EXPIRES_AT" = ${expiry(ttlSeconds)}`,
    `WHEN NOT MATCHED THEN INSERT ("LOCK_NAME", "OWNER", "ACQUIRED_AT", "EXPIRES_AT") VALUES (s."LOCK_NAME", s."OWNER", CURRENT_TIMESTAMP(), ${expiry(ttlSeconds)})`,
  ].join('\n');
}

/** Binds: lock name. */
export function selectLockSql(target: RawTarget): string {
  return `SELECT "OWNER", "ACQUIRED_AT", "EXPIRES_AT" FROM ${rawTable(target, SYNC_LOCK_TABLE)} WHERE "LOCK_NAME" = ?`;
}

/** Binds: lock name, owner. Extends a lease we still hold (0 rows: it was lost). */
export function renewLockSql(target: RawTarget, ttlSeconds: number): string {
  return `UPDATE ${rawTable(target, SYNC_LOCK_TABLE)} SET "EXPIRES_AT" = ${expiry(ttlSeconds)} WHERE "LOCK_NAME" = ? AND "OWNER" = ?`;
}

/** Binds: lock name, owner. Never removes someone else's lock. */
export function releaseLockSql(target: RawTarget): string {
  return `DELETE FROM ${rawTable(target, SYNC_LOCK_TABLE)} WHERE "LOCK_NAME" = ? AND "OWNER" = ?`;
}
