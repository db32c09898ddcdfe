import { ToolMessage } from '@langchain/core/messages';
import type { AgentTool, AnswerSource } from '../../tools/agent-tool.ts';
import type { AgentStateUpdate, AgentStateValue, ToolCallRecord } from '../agent-state.ts';

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/**
 * Runs the tool calls of the latest model step, one after the other, and answers each with a
 * ToolMessage (errors as status "error", never thrown: the check node decides what follows).
 * Records what the answer must show: validated SQL and sources.
 */
export function toolsNode(tools: readonly AgentTool[]) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return async (state: AgentStateValue): Promise<AgentStateUpdate> => {
    const messages: ToolMessage[] = [];
    const records: ToolCallRecord[] = [];
    const sql: string[] = [];
    const sources: AnswerSource[] = [];
    const errors: string[] = [];
    for (const call of state.plan) {
      const tool = byName.get(call.name);
      try {
        if (!tool) throw new Error(`unknown tool ${call.name}; available: ${[...byName.keys()].join(', ')}`);
        const parsed = tool.schema.safeParse(call.args);
        if (!parsed.success) throw new Error(`invalid arguments for ${call.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ')}`);
        const outcome = await tool.run(parsed.data);
        messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, content: JSON.stringify(outcome.content, jsonSafe), status: 'success' }));
        records.push({ ...call, ok: true, ...(outcome.sql ? { sql: outcome.sql } : {}) });
        if (outcome.sql) sql.push(outcome.sql);
        sources.push(...(outcome.sources ?? []));
      } catch (error) {
        const message = `${call.name} failed: ${describeError(error)}`;
        messages.push(new ToolMessage({ tool_call_id: call.id, name: call.name, content: `Error: ${message}`, status: 'error' }));
        records.push({ ...call, ok: false, error: message });
        errors.push(message);
      }
    }
    return {
      messages,
      toolCalls: [...state.toolCalls, ...records],
      sql: [...state.sql, ...sql],
      sources: [...state.sources, ...sources],
      errors: [...state.errors, ...errors],
    };
  };
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
