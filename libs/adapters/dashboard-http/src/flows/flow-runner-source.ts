import type { FlowDefinition, FlowRunner, FlowRunRecord, ManualRunOutcome, RegisteredFlow } from '@ledgerline/flows';
import { FlowsUnavailableError, type DashboardFlows, type FlowSummary } from './dashboard-flows.port.ts';

export function summaryOf(flow: RegisteredFlow): FlowSummary {
  return {
    name: flow.name,
    description: flow.description,
    schedule: flow.schedule ?? null,
    every_seconds: flow.everySeconds ?? null,
    backfillable: flow.backfillable ?? false,
    retry: { limit: flow.retry.limit, delay_seconds: flow.retry.delaySeconds, backoff: flow.retry.backoff },
    timeout_seconds: flow.timeoutSeconds,
  };
}

/**
 * The dashboard's flows over the hosting process' FlowRunner. The main job serves its dashboard
 * before its flows start (a taken port must stop it before it does anything) and stops them before
 * the dashboard closes, so the runner is attached once started and detached before it stops; in
 * between the API says why there is nothing to show instead of a runner error.
 */
export class FlowRunnerSource implements DashboardFlows {
  private attached: { runner: FlowRunner; flows: FlowSummary[] } | undefined;
  private reason = 'the flows are starting (the main job starts them after the stream stage)';

  attach(runner: FlowRunner, definitions: readonly FlowDefinition[]): void {
    this.attached = { runner, flows: definitions.map(summaryOf) };
  }

  detach(reason: string): void {
    this.attached = undefined;
    this.reason = reason;
  }

  private current(): { runner: FlowRunner; flows: FlowSummary[] } {
    if (!this.attached) throw new FlowsUnavailableError(this.reason);
    return this.attached;
  }

  async flows(): Promise<FlowSummary[]> {
    return this.current().flows;
  }

  history(options: { flow?: string; limit: number }): Promise<FlowRunRecord[]> {
    return this.current().runner.history(options);
  }

  requestRun(flow: string): Promise<ManualRunOutcome> {
    return this.current().runner.requestRun(flow);
  }
}
