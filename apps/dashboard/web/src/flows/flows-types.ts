// The flows API's answers as the page reads them: one definition with the server that sends them,
// from @ledgerline/flows/wire (a file that imports nothing), as the market types come from
// @ledgerline/market-data/wire.
export type {
  FlowOverviewWire as FlowOverview,
  FlowRunState,
  FlowRunWire as FlowRun,
  FlowsEnvelope,
  RunQueuedWire as RunQueued,
} from '@ledgerline/flows/wire';
