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

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight hex digits of a 32-bit value (table lookup: Number#toString(16) is slow on a hot path). */
function hex8(value: number): string {
  return (
    (HEX_BYTES[value >>> 24] as string) +
    (HEX_BYTES[(value >>> 16) & 0xff] as string) +
    (HEX_BYTES[(value >>> 8) & 0xff] as string) +
    (HEX_BYTES[value & 0xff] as string)
  );
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
  return `T-${hex8(high)}${hex8(low)}`;
}
