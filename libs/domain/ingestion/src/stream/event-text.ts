/**
 * The text checks every event passes before its fields are validated: bytes that are not UTF-8,
 * strings that are not valid Unicode (a lone surrogate) and NUL characters (PostgreSQL text cannot
 * hold U+0000). Without them, a Latin-1 byte or a lone surrogate was stored as U+FFFD (a silent
 * change), and a NUL made the store refuse the whole batch.
 */

export type EventTextResult = { ok: true; text: string } | { ok: false; reason: string };

// One decoder for all events: `fatal` makes invalid UTF-8 an error instead of U+FFFD.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The event's bytes as a string, or why they are not UTF-8 (names the first bad byte). */
export function decodeEventText(bytes: Buffer | string): EventTextResult {
  if (typeof bytes === 'string') return { ok: true, text: bytes };
  try {
    return { ok: true, text: STRICT_UTF8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, reason: `invalid UTF-8: byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at} is not valid UTF-8` };
  }
}

/** Backslash-u: in JSON from bytes, a NUL or a lone surrogate can only be an escape (raw control bytes are invalid JSON, raw surrogates invalid UTF-8). */
const UNICODE_ESCAPE = '\\u';
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether the parsed event may hold a string the store could not keep unchanged. From bytes,
 * only JSON with a `\u` escape can (nearly no event has one, so the common case costs one
 * substring search); a string given directly may hold anything.
 */
export function mayHoldUnstorableText(bytes: Buffer | string, text: string): boolean {
  return typeof bytes === 'string' || text.includes(UNICODE_ESCAPE);
}

/** The first string field of a parsed event that the store could not hold unchanged, or undefined. */
export function unstorableTextReason(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  for (const [field, value] of Object.entries(json)) {
    if (typeof value !== 'string') continue;
    const surrogate = LONE_SURROGATE.exec(value);
    if (surrogate) {
      const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
      return `invalid text: ${field}: lone surrogate U+${code} at index ${surrogate.index} (not valid Unicode)`;
    }
    const nul = value.indexOf('\u0000');
    if (nul >= 0) return `invalid text: ${field}: NUL character (U+0000) at index ${nul}, which the store cannot hold`;
  }
  return undefined;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    // Overlong 3/4-byte forms, UTF-16 surrogates (ED A0..BF) and code points above U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return i;
}

/** A fraction with a non-zero digit past the sixth: PostgreSQL keeps microseconds and would round it. */
const SUB_MICROSECOND = /\.\d{6}0*[1-9]/;

/**
 * Why the event's timestamp cannot be stored unchanged, or undefined. PostgreSQL's timestamptz
 * holds microseconds; a nanosecond timestamp would be rounded silently, so it is refused instead
 * (trailing zeros past the sixth digit change nothing and pass).
 */
export function timestampPrecisionReason(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const occurredAt = (json as { occurred_at?: unknown }).occurred_at;
  if (typeof occurredAt === 'string' && SUB_MICROSECOND.test(occurredAt)) {
    return `invalid event: occurred_at: ${occurredAt} is more precise than microseconds, which the store would round`;
  }
  return undefined;
}
