import { generateDataset } from '@ledgerline/transactions';
const c0 = process.cpuUsage();
const t = performance.now();
const ds = generateDataset({ seed: 42, customers: 1000, months: 12, startMonth: '2026-01' });
const c = process.cpuUsage(c0);
console.log(ds.transactions.length, 'wall', (performance.now() - t).toFixed(0), 'cpu user', (c.user/1000).toFixed(0), 'sys', (c.system/1000).toFixed(0));
