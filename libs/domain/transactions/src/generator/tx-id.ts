const MASK_64 = (1n << 64n) - 1n;

/**
 * SplitMix64's finaliser: a bijection on 64-bit integers that scatters consecutive inputs, so
 * ids look random but distinct inputs can never collide.
 */
function mix64(input: bigint): bigint {
  let z = input & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

/**
 * Deterministic transaction id: `T-` + 16 hex digits of mix64(seed * 2^40 + counter).
 * Within one seed the input is injective in `counter` (mod 2^64), and mix64 is a bijection, so
 * every emitted transaction of a run gets a distinct id; the same seed reproduces the same ids.
 */
export function txIdFor(seed: number, counter: number): string {
  const input = (BigInt(seed) << 40n) + BigInt(counter);
  return `T-${mix64(input).toString(16).padStart(16, '0')}`;
}
