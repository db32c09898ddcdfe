import type { z } from 'zod';

/** What an answer was built from (architecture §4: every answer shows the query or documents used). */
export type AnswerSource =
  | { readonly kind: 'metric'; readonly metric: string; readonly params: Readonly<Record<string, unknown>> }
  | { readonly kind: 'sql'; readonly sql: string }
  | { readonly kind: 'document'; readonly id: string; readonly title: string; readonly score: number }
  | { readonly kind: 'schema'; readonly relations: number };

/** A tool's result: JSON for the model, plus what the answer must show. */
export interface ToolOutcome {
  readonly content: unknown;
  /** The validated SQL that ran (the sql tool). */
  readonly sql?: string;
  readonly sources?: readonly AnswerSource[];
}

/**
 * One tool of the agent: a zod schema the model's arguments are parsed with (and that tool
 * calling models see as JSON schema), and a run function. A throw is a tool error: the graph
 * reports it to the model and allows one re-plan (graph/check-node.ts).
 */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly schema: S;
  run(args: z.output<S>): Promise<ToolOutcome>;
}

/** Helper that keeps the args type of `run` tied to the schema. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

/** A tool failure worth showing to the user as it is (bad arguments, refused SQL, timeout). */
export class ToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ToolError';
  }
}
