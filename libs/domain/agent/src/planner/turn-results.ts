import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';

/** A tool call the planner wants: name and arguments (ids are assigned when emitted). */
export interface PlannedCall {
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface ToolResult {
  readonly ok: boolean;
  /** Parsed JSON content (ok), or the error text. */
  readonly content: unknown;
  readonly error?: string;
}

/** Canonical key of a call: name + arguments with sorted keys and no undefined values. */
export function callKey(call: PlannedCall): string {
  const args = Object.fromEntries(
    Object.entries(call.args)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${call.name}:${JSON.stringify(args)}`;
}

export function messageText(message: BaseMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

export interface Turn {
  /** The question being answered: the last human message. */
  readonly question: string;
  /** Earlier questions of the session, oldest first. */
  readonly earlier: readonly string[];
  /** Results of this turn's tool calls by callKey. */
  readonly results: ReadonlyMap<string, ToolResult>;
  /** How many tool-calling rounds this turn has had. */
  readonly rounds: number;
}

function parseContent(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads the conversation the way the offline planner needs it (see OfflinePlannerChatModel). */
export function readTurn(messages: readonly BaseMessage[]): Turn {
  let last = -1;
  messages.forEach((m, i) => {
    if (HumanMessage.isInstance(m)) last = i;
  });
  const earlier = messages.slice(0, Math.max(last, 0)).filter((m) => HumanMessage.isInstance(m)).map(messageText);
  const calls = new Map<string, PlannedCall>();
  const results = new Map<string, ToolResult>();
  let rounds = 0;
  for (const message of messages.slice(last + 1)) {
    if (AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0) {
      rounds += 1;
      for (const call of message.tool_calls ?? []) if (call.id) calls.set(call.id, { name: call.name, args: call.args });
    }
    if (ToolMessage.isInstance(message)) {
      const call = calls.get(message.tool_call_id);
      if (!call) continue;
      const text = messageText(message);
      const ok = message.status !== 'error';
      results.set(callKey(call), ok ? { ok, content: parseContent(text) } : { ok, content: text, error: text.replace(/^Error:\s*/, '') });
    }
  }
  return { question: last >= 0 ? messageText(messages[last] as BaseMessage) : '', earlier, results, rounds };
}
