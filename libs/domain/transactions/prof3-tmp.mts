import { generateTransactionStream } from '@ledgerline/transactions';
for (let i = 0; i < 2; i++) {
  const c0 = process.cpuUsage();
  const t = performance.now();
  let n = 0;
  for (const _tx of generateTransactionStream({ seed: 42 + i, customers: 1000, months: 12, startMonth: '2026-01' })) { if (++n >= 613000) break; }
  const c = process.cpuUsage(c0);
  console.log(n, 'wall', (performance.now() - t).toFixed(0), 'cpu user', (c.user/1000).toFixed(0));
}
