import { defineBenchmark, type Metric } from '../benchmark.ts';
import { runTierWorkload, type PhaseCost, type TierRun } from '../pglite-tier-workload.ts';
import { percentile } from '../stats.ts';

// What V8's baseline-only WASM tier (PGlite's default, libs/adapters/postgres
// client/pglite-wasm-tier.ts) costs in SQL speed and saves in memory, against V8's default
// tiering (PGLITE_WASM_OPTIMIZE=true), on the same workload in alternating child processes so a
// loaded host's drift lands on both. CPU time counts every thread (the optimizing compiler's too).
const PHASES = ['open', 'small', 'bulk', 'total'] as const;

export default defineBenchmark({
  name: 'pglite-wasm-tier',
  description: "PGlite SQL time and peak RSS with V8's baseline WASM tier only (default) vs default tiering (PGLITE_WASM_OPTIMIZE=true)",
  async run({ log }) {
    const rounds = Number(process.env.BENCH_PGLITE_TIER_ROUNDS ?? 3);
    const smallStatements = Number(process.env.BENCH_PGLITE_TIER_STATEMENTS ?? 2000);
    const bulkRows = Number(process.env.BENCH_PGLITE_TIER_ROWS ?? 100_000);
    for (const [name, value] of Object.entries({ rounds, smallStatements, bulkRows })) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    }
    const runs: TierRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate which tier goes first, so neither always runs in the other's wake.
      for (const optimize of round % 2 === 1 ? [false, true] : [true, false]) {
        log(`round ${round}/${rounds}: ${optimize ? 'default tiering' : 'baseline only'}`);
        runs.push(await runTierWorkload(optimize, smallStatements, bulkRows));
      }
    }
    const median = (optimize: boolean, pick: (run: TierRun) => number) => percentile(runs.filter((r) => r.optimize === optimize).map(pick), 50);
    const metrics: Metric[] = [];
    for (const phase of PHASES) {
      const cost = (r: TierRun): PhaseCost => r[phase];
      const baseWall = median(false, (r) => cost(r).wallMs);
      const upWall = median(true, (r) => cost(r).wallMs);
      const baseCpu = median(false, (r) => cost(r).cpuMs);
      const upCpu = median(true, (r) => cost(r).cpuMs);
      metrics.push(
        { name: `${phase} wall, baseline only`, value: round(baseWall), unit: 'ms' },
        { name: `${phase} wall, default tiering`, value: round(upWall), unit: 'ms' },
        { name: `${phase} CPU, baseline only`, value: round(baseCpu), unit: 'ms' },
        { name: `${phase} CPU, default tiering`, value: round(upCpu), unit: 'ms' },
        { name: `${phase} CPU baseline / default`, value: Math.round((baseCpu / upCpu) * 100) / 100, unit: 'x' },
      );
    }
    metrics.push(
      { name: 'peak RSS, baseline only', value: median(false, (r) => r.peakRssMb), unit: 'MB' },
      { name: 'peak RSS, default tiering', value: median(true, (r) => r.peakRssMb), unit: 'MB' },
    );
    return {
      metrics,
      notes: [
        `medians of ${rounds} alternating rounds, each tier a fresh child process (plain node, PGlite in memory)`,
        `small = ${smallStatements} x (parameterised upsert + point select); bulk = insert ${bulkRows} generated rows + 10 group-by aggregates over them`,
        'BENCH_PGLITE_TIER_ROUNDS, BENCH_PGLITE_TIER_STATEMENTS, BENCH_PGLITE_TIER_ROWS',
      ],
    };
  },
});

function round(ms: number): number {
  return ms >= 100 ? Math.round(ms) : Math.round(ms * 10) / 10;
}
