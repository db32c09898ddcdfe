import type { FlowControl, FlowRunRecord, ManualRunOutcome } from '@ledgerline/flows';
import { FlowsUnavailableError, type DashboardFlows, type FlowSummary } from './dashboard-flows.port.ts';
import { summaryOf } from './flow-runner-source.ts';

/**
 * The dashboard's flows from a job store it does not run (the standalone dashboard on PostgreSQL:
 * the main job's workers execute what it queues). A store that does not answer, or has no flows
 * registered yet, is a 503 with the reason, not an error page.
 */
export function flowControlSource(control: FlowControl): DashboardFlows {
  const guarded = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw new FlowsUnavailableError(`the job store did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    async flows(): Promise<FlowSummary[]> {
      const flows = await guarded(() => control.flows());
      if (flows.length === 0) throw new FlowsUnavailableError('no flows are registered in the job store yet (the main job registers them when it starts)');
      return flows.map(summaryOf);
    },
    history: (options: { flow?: string; limit: number }): Promise<FlowRunRecord[]> => guarded(() => control.history(options)),
    requestRun: (flow: string): Promise<ManualRunOutcome> => guarded(() => control.requestRun(flow)),
  };
}
