import { generateDataset } from '@ledgerline/transactions';
const ds = generateDataset({ seed: 1, customers: 1000, months: 1, startMonth: '2026-01' });
const txs = ds.transactions;
const m = new Map<string | null, Map<string | null, Map<number, object>>>();
for (const t of txs) { let a = m.get(t.merchant); if (!a) m.set(t.merchant, a = new Map()); let b = a.get(t.mcc); if (!b) a.set(t.mcc, b = new Map()); b.set(1, {}); }
let t0 = performance.now(); let n = 0;
for (let r = 0; r < 12; r++) for (const t of txs) { const x = m.get(t.merchant)!.get(t.mcc)!.get(1); if (x) n++; }
console.log('lookups', n, (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
for (let r = 0; r < 12; r++) for (const t of txs) { new Date(Date.parse(t.occurred_at)).toISOString(); }
console.log('iso', (performance.now() - t0).toFixed(0), 'ms');
const objKey = new Map<object, object>();
for (const t of txs) objKey.set(t, {});
t0 = performance.now();
for (let r = 0; r < 12; r++) for (const t of txs) { if (objKey.get(t)) n++; }
console.log('obj lookups', (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
for (let r = 0; r < 12; r++) for (const t of txs) { if (m.get(t.merchant)) n++; }
console.log('1-level lookups', (performance.now() - t0).toFixed(0), 'ms');
