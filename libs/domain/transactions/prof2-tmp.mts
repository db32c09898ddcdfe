import { generateDataset } from '@ledgerline/transactions';
for (let i = 0; i < 3; i++) {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const ds = generateDataset({ seed: 42 + i, customers: 1000, months: 12, startMonth: '2026-01' });
  const c = process.cpuUsage(c0);
  console.log(ds.transactions.length, 'wall', (performance.now() - t).toFixed(0), 'cpu user', (c.user/1000).toFixed(0));
}
