import type { FlowDefinition, FlowRunContext } from '@ledgerline/flows';

/**
 * The flows the dashboard's flow specs run: `quick` (succeeds, 3 rows, on a cron), `broken`
 * (fails, one retry) and `held`, whose first run waits until `release()` so a spec can see a
 * running run and request another behind it. Fresh state per call.
 */
export function testFlows(options: { quick?: Partial<FlowDefinition> } = {}): { definitions: FlowDefinition[]; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldCalls = 0;
  const flow = (name: string, run: (ctx: FlowRunContext) => Promise<{ rows: number }>, over: Partial<FlowDefinition> = {}): FlowDefinition => ({
    name,
    description: `${name}: a test flow`,
    retry: { limit: 0, delaySeconds: 1, backoff: false },
    missed: 'skip',
    timeoutSeconds: 60,
    run,
    ...over,
  });
  const definitions = [
    flow('quick', async () => ({ rows: 3 }), { schedule: '0 4 * * *', ...options.quick }),
    flow(
      'broken',
      async () => {
        throw new Error('the source is gone');
      },
      { retry: { limit: 1, delaySeconds: 1, backoff: false } },
    ),
    flow(
      'held',
      async () => {
        heldCalls += 1;
        if (heldCalls === 1) await held;
        return { rows: heldCalls };
      },
      { everySeconds: 3600 },
    ),
  ];
  return { definitions, release };
}
