// Test helpers of @ledgerline/analytics: the AnalyticsStore contract suite, its dataset and the
// independent TypeScript computation of every metric (for adapters, the agent's eval and benchmarks).
export {
  describeAnalyticsStoreContract,
  describeMetricContract,
  type AnalyticsContractBackend,
  type AnalyticsContractFactory,
  type MetricContractBackend,
  type MetricContractFactory,
} from './analytics-store-contract.ts';
export { contractDataset, type AnalyticsDataset } from './contract-dataset.ts';
export { ExpectedMetrics } from './expected-metrics.ts';
