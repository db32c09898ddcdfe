import type { IHeaders } from 'kafkajs';

/**
 * kafkajs header values arrive as Buffers (or arrays for repeated names); the port speaks
 * string -> string. Repeated names keep the last value, as a map can only hold one.
 */
export function headersToRecord(headers: IHeaders | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const [name, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    record[name] = typeof last === 'string' ? last : last.toString('utf8');
  }
  return record;
}
