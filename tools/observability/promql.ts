import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The PromQL of every panel in a provisioned Grafana dashboard JSON. */
const dashboardSchema = z.object({
  panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string(), refId: z.string() })) })),
});

export interface PanelQuery {
  panel: string;
  refId: string;
  expr: string;
}

export function panelQueries(dashboardFile: string): PanelQuery[] {
  const dashboard = dashboardSchema.parse(JSON.parse(readFileSync(dashboardFile, 'utf8')));
  return dashboard.panels.flatMap((panel) => panel.targets.map((t) => ({ panel: panel.title, refId: t.refId, expr: t.expr })));
}

const vectorSchema = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.string(), result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }),
});
export type InstantVector = z.infer<typeof vectorSchema>['data']['result'];

/** An instant query through Prometheus' HTTP API; a PromQL error is thrown with Prometheus' reason. */
export async function instantQuery(baseUrl: string, expr: string): Promise<InstantVector> {
  const response = await fetch(`${baseUrl}/api/v1/query?${new URLSearchParams({ query: expr })}`);
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`Prometheus refused ${expr}: ${JSON.stringify(body)}`);
  return vectorSchema.parse(body).data.result;
}
