import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import type { AgentTool } from './agent-tool.ts';

/**
 * The tools as LangChain sees them, for `bindTools` (their JSON schemas go to tool-calling
 * models). The graph runs tools itself (nodes/tools-node.ts) so that it can record SQL, sources
 * and errors; these functions are only a fallback for code that invokes the LangChain tool.
 */
export function toLangChainTools(tools: readonly AgentTool[]): StructuredToolInterface[] {
  return tools.map((t) =>
    tool(async (args: unknown) => JSON.stringify((await t.run(t.schema.parse(args))).content), {
      name: t.name,
      description: t.description,
      schema: t.schema,
    }),
  ) as StructuredToolInterface[];
}
