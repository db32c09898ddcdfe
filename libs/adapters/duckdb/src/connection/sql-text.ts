/** A double-quoted SQL identifier (DuckDB and Postgres rules: double any quote inside). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Microseconds since the epoch (DuckDB's epoch_us) as an ISO-8601 UTC string keeping microseconds. */
export function microsToIso(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const subMillis = ((micros % 1000n) + 1000n) % 1000n;
  const iso = new Date(Number(millis)).toISOString(); // ...T08:15:00.123Z
  return `${iso.slice(0, -1)}${subMillis.toString().padStart(3, '0')}Z`;
}
