import { describe, expect, it } from 'vitest';
import { chooseWasmTier } from './pglite-wasm-tier.ts';

describe('chooseWasmTier', () => {
  it('is decided once per process: a later different request is reported as not applied', () => {
    // V8's default first, so this worker's flags stay untouched.
    expect(chooseWasmTier(true)).toEqual({ applied: true });
    expect(chooseWasmTier(true)).toEqual({ applied: true });
    expect(chooseWasmTier(false)).toEqual({ applied: false });
  });
});
