import * as nodeModule from 'node:module';

/**
 * Source maps for the app's own code only: TypeScript lines in its stack traces, without node
 * parsing and keeping the maps of every npm package it loads.
 *
 * Why: under `node --enable-source-maps` the main job held ~200 MB of decoded source maps in its
 * JS heap (pdf.js's alone ~45 MB of `webpack://pdf.js/...` mapping entries), 242 MB live after a
 * full collection; its peak RSS was 660-690 MB in a 5-minute run (docs/benchmarks.md, issue #23
 * part 4). `setSourceMapsSupport` (node >= 22.14) is the same switch as the flag with
 * `nodeModules: false`, which the flag cannot say; it applies to modules loaded after the call,
 * so main.ts imports this module before any other.
 */
// @types/node does not declare it yet; node 24 (the supported runtime) has it.
const { setSourceMapsSupport } = nodeModule as unknown as {
  setSourceMapsSupport(enabled: boolean, options: { nodeModules: boolean; generatedCode: boolean }): void;
};
setSourceMapsSupport(true, { nodeModules: false, generatedCode: false });
