// Test helpers for the apps' specs: they check the operational store through these, never through
// the store's `sql` or a driver of their own (architecture §5).
export { connectProbe, probeStore, type ProbeConnection, type ProbeConnectionOptions, type StoreProbe } from './store-probe.ts';
