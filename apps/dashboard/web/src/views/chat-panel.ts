import { postJson } from '../api-client.ts';
import type { AgentReply, AnswerSource } from '../api-types.ts';
import { byId, el } from '../format.ts';

function describeSource(source: AnswerSource): string {
  switch (source.kind) {
    case 'metric':
      return `metric ${source.metric} ${JSON.stringify(source.params)}`;
    case 'sql':
      return 'SQL query (below)';
    case 'document':
      return `document ${source.title}`;
    case 'schema':
      return `schema (${source.relations} relations)`;
  }
}

function replyNode(reply: AgentReply): HTMLElement {
  const node = el('div', undefined, 'chat-answer');
  node.dataset.status = reply.status;
  node.append(el('p', reply.answer, 'answer-text'));
  if (reply.sources.length > 0) {
    const list = el('ul', undefined, 'sources');
    for (const source of reply.sources) list.append(el('li', describeSource(source)));
    node.append(el('h3', 'Sources'), list);
  }
  for (const sql of reply.sql) node.append(el('h3', 'SQL'), el('pre', sql, 'sql'));
  node.append(el('p', `${reply.model}; tools: ${reply.toolCalls.map((c) => c.name).join(', ') || 'none'}`, 'muted small'));
  return node;
}

/** The chat form: one session per page load, newest answer on top, errors shown in place. */
export function setUpChat(): void {
  const form = byId<HTMLFormElement>('chat-form');
  const input = byId<HTMLInputElement>('chat-input');
  const button = byId<HTMLButtonElement>('chat-send');
  const log = byId('chat-log');
  const sessionId = `web-${Math.random().toString(36).slice(2, 10)}`;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    button.disabled = true;
    const entry = el('div', undefined, 'chat-entry');
    entry.append(el('p', question, 'question'));
    const pending = el('p', 'Thinking…', 'muted');
    entry.append(pending);
    log.prepend(entry);
    postJson<AgentReply>('ask', { question, session_id: sessionId })
      .then(({ data }) => pending.replaceWith(replyNode(data)))
      .catch((error: unknown) => pending.replaceWith(el('p', error instanceof Error ? error.message : String(error), 'error')))
      .finally(() => {
        button.disabled = false;
        input.value = '';
      });
  });
}
