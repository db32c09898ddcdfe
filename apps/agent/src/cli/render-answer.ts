import type { AgentAnswer, AnswerSource } from '@ledgerline/agent';

function describeSource(source: AnswerSource): string {
  switch (source.kind) {
    case 'metric':
      return `metric ${source.metric} ${JSON.stringify(source.params)}`;
    case 'sql':
      return 'sql (shown above)';
    case 'document':
      return `document "${source.title}" (score ${source.score.toFixed(2)})`;
    case 'schema':
      return `schema (${source.relations} relations)`;
  }
}

/**
 * An answer for people: the text, then the SQL that ran and what else it was built from
 * (architecture §4: every answer shows the query or documents used).
 */
export function renderAnswer(answer: AgentAnswer): string {
  const lines = [answer.answer];
  if (answer.sql.length > 0) {
    lines.push('', 'SQL:');
    for (const sql of answer.sql) lines.push(...sql.split('\n').map((l) => `  ${l}`));
  }
  const sources = answer.sources.filter((s) => s.kind !== 'sql').map(describeSource);
  if (sources.length > 0) lines.push('', `Sources: ${[...new Set(sources)].join('; ')}`);
  if (answer.status !== 'answered') lines.push('', `(${answer.status})`);
  return lines.join('\n');
}

/** `--json`: the whole answer record. */
export function renderAnswerJson(answer: AgentAnswer, model: string): string {
  return JSON.stringify({ ...answer, model }, null, 2);
}
