import { setFlagsFromString } from 'node:v8';

let chosen: boolean | undefined;

const BASELINE_ONLY = ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];

/** The same choice as node command-line flags, for a child process that runs PGlite. */
export function wasmTierNodeFlags(optimize: boolean): string[] {
  return optimize ? [] : [...BASELINE_ONLY];
}

/**
 * Chooses, once per process and before PGlite's WASM module is compiled, whether V8 may recompile
 * hot PGlite functions with its optimizing compiler (TurboFan) or keeps the baseline code
 * (Liftoff) it compiles first.
 *
 * Why baseline by default: V8 tiers a WASM function up in a background thread once it has run
 * enough. One of PGlite's functions (wasm-function#2273 in 0.5.14, ~105 kB of WASM) then takes
 * ~600 MB of compiler memory for ~3 s (`node --trace-wasm-compilation-times`). It becomes hot
 * around a checkpoint, so in a short `batch ingest` the compile ran on while the process shut
 * down: 224 MB peak before the exit, ~630 MB just after it. With baseline code only, the same
 * open/query/close peaks at ~146 MB (docs/statement-import.md "Memory"). The price is slower SQL
 * execution inside PGlite on CPU-heavy queries; `PGLITE_WASM_OPTIMIZE=true` (long runs that
 * can afford the transient compile memory) keeps V8's default.
 *
 * These are V8's own documented flags; V8 reads them when it compiles a module, so setting them
 * here (after start-up) takes effect for modules compiled later — the memory bound test in
 * tools/build/batch-small-file-memory.int.spec.ts fails if it stops doing so. Process-wide by
 * nature: the first caller decides; a later different request is reported, not applied.
 */
export function chooseWasmTier(optimize: boolean): { applied: boolean } {
  if (chosen !== undefined) return { applied: chosen === optimize };
  chosen = optimize;
  if (!optimize) setFlagsFromString(BASELINE_ONLY.join(' '));
  return { applied: true };
}
