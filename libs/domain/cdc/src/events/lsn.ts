/**
 * A PostgreSQL log sequence number: a 64-bit WAL byte position, written `X/Y` (two hex halves).
 * Kept as bigint inside the process (positions are compared and subtracted for lag); written as
 * a JSON number in events, as Debezium does (exact up to 2^53 bytes of WAL, ~9 PB).
 */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export function parseLsn(text: string): Lsn {
  const match = LSN_TEXT.exec(text.trim());
  if (!match) throw new Error(`not a PostgreSQL LSN (expected X/Y in hex): ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: Lsn): string {
  if (lsn < 0n || lsn > 0xffff_ffff_ffff_ffffn) throw new Error(`LSN out of range: ${lsn}`);
  const high = (lsn >> 32n).toString(16).toUpperCase();
  const low = (lsn & 0xffff_ffffn).toString(16).toUpperCase();
  return `${high}/${low}`;
}

/** The event field form (Debezium writes `source.lsn` as a number). */
export function lsnToNumber(lsn: Lsn): number {
  if (lsn > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`LSN ${formatLsn(lsn)} exceeds 2^53 and cannot be a JSON number exactly`);
  return Number(lsn);
}
