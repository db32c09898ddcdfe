import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { wasmTierNodeFlags } from '../../libs/adapters/postgres/src/client/pglite-wasm-tier.ts';
import { runMeasured } from './process-peak.ts';

/** Wall and CPU milliseconds of one phase; CPU is the child's user + system time, all its threads. */
export interface PhaseCost {
  wallMs: number;
  cpuMs: number;
}

export interface TierRun {
  optimize: boolean;
  /** PGlite.create in memory (WASM compile + boot from a fresh cluster). */
  open: PhaseCost;
  /** Many small parameterised statements, the shape of ORM traffic and of the contract specs. */
  small: PhaseCost;
  /** Set-based SQL: generate and insert rows, then aggregate them (CPU inside the engine). */
  bulk: PhaseCost;
  /** The whole child process: wall from spawn to exit; CPU of every thread until its report. */
  total: PhaseCost;
  /** VmHWM measured from outside until the process had ended (process-peak.ts). */
  peakRssMb: number;
}

/**
 * The child: one PGlite in memory, three timed phases, one JSON line. A script string (as in
 * pglite-initdb.ts) so it runs on plain node with exactly the flags given, nothing preloaded.
 */
const CHILD_SCRIPT = `
const [moduleUrl, smallStatements, bulkRows] = process.argv.slice(1).map((v, i) => (i === 0 ? v : Number(v)));
const loaded = await import(moduleUrl);
const PGlite = loaded.PGlite ?? loaded.default.PGlite;
const phase = async (work) => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
};
let db;
const open = await phase(async () => {
  db = await PGlite.create();
  await db.query('create table t (id int primary key, account text not null, amount numeric(15,2) not null, note text)');
  await db.query('create index t_account on t (account)');
});
const small = await phase(async () => {
  for (let i = 0; i < smallStatements; i++) {
    await db.query('insert into t (id, account, amount, note) values ($1, $2, $3, $4) on conflict (id) do update set amount = excluded.amount', [i, 'acc-' + (i % 50), (i % 997) + '.25', 'n' + i]);
    await db.query('select id, amount from t where id = $1', [i >> 1]);
  }
});
const bulk = await phase(async () => {
  await db.query("insert into t select g, 'acc-' || (g % 500), (g % 9973)::numeric / 100, md5(g::text) from generate_series(" + (smallStatements + 1) + ", " + (smallStatements + bulkRows) + ") g");
  for (let i = 0; i < 10; i++) await db.query('select account, count(*), sum(amount), max(note) from t group by account order by 3 desc limit 20');
});
await db.close();
const all = process.cpuUsage();
process.stdout.write(JSON.stringify({ open, small, bulk, cpuMs: (all.user + all.system) / 1000 }) + '\\n');
`;

/** One child run of the workload with V8's baseline tier only (`optimize` false) or its default tiering. */
export async function runTierWorkload(optimize: boolean, smallStatements: number, bulkRows: number): Promise<TierRun> {
  const moduleUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const args = [...wasmTierNodeFlags(optimize), '--input-type=module', '-e', CHILD_SCRIPT, moduleUrl, String(smallStatements), String(bulkRows)];
  const started = performance.now();
  const run = await runMeasured(process.execPath, args, { timeoutMs: 600_000, pollMs: 20 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`PGlite tier workload failed (${run.status ?? run.signal}): ${run.stderr.trim()}`);
  const phases = JSON.parse(run.stdout.trim()) as Pick<TierRun, 'open' | 'small' | 'bulk'> & { cpuMs: number };
  return { optimize, open: phases.open, small: phases.small, bulk: phases.bulk, total: { wallMs, cpuMs: phases.cpuMs }, peakRssMb: run.processPeakMb };
}
