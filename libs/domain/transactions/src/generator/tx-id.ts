/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers that scatters nearby inputs. */
function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX_DIGITS = [...'0123456789abcdef'].map((ch) => ch.charCodeAt(0));
const T = 'T'.charCodeAt(0);
const DASH = '-'.charCodeAt(0);

/** Char code of hex digit `index` (0 = most significant) of a 32-bit value. */
function hexAt(value: number, index: number): number {
  return HEX_DIGITS[(value >>> (28 - 4 * index)) & 0xf] as number;
}

/**
 * Deterministic transaction id: `T-` + 16 hex digits derived from (seed, counter).
 *
 * Uniqueness within a run is by construction, not by luck: the low half is a bijection of
 * (counter mod 2^32) for a fixed seed, and given the low half the high half is a bijection of
 * the counter's upper bits — so distinct counters always give distinct ids. Both halves are
 * scrambled so ids look random; the same seed reproduces the same ids. 32-bit integer
 * arithmetic only: this runs once per generated transaction.
 */
export function txIdFor(seed: number, counter: number): string {
  const seedLow = fmix32(seed ^ 0x9e3779b9);
  const seedHigh = fmix32(Math.floor(seed / 2 ** 32) ^ seed ^ 0x7f4a7c15);
  const low = fmix32((counter >>> 0) ^ seedLow);
  const high = fmix32((Math.floor(counter / 2 ** 32) + seedHigh) ^ low);
  // One fromCharCode call yields a flat string; concatenation would leave a rope of small string
  // objects behind every retained id (measurably more memory and GC for 10^6 transactions).
  return String.fromCharCode(
    T, DASH,
    hexAt(high, 0), hexAt(high, 1), hexAt(high, 2), hexAt(high, 3), hexAt(high, 4), hexAt(high, 5), hexAt(high, 6), hexAt(high, 7),
    hexAt(low, 0), hexAt(low, 1), hexAt(low, 2), hexAt(low, 3), hexAt(low, 4), hexAt(low, 5), hexAt(low, 6), hexAt(low, 7),
  );
}
