// Wiring shared by several apps that needs more than one adapter (architecture §2, "The wiring
// library"): apps may not import each other, and adapters may not import each other.
export { localLandingRoot, openLandingZoneFromEnv, type LandingZoneEnv, type OpenedLandingZone } from './landing-zone/landing-zone.ts';
export { meteredDbt, syncCycleMetrics, type SyncCycleMetricsOptions, type SyncCycleRecorder } from './metrics/sync-cycle-metrics.ts';
export { generatorTradeMarket, streamTradeMarket } from './trades/generator-trade-market.ts';
