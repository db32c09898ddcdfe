import { randomBytes } from 'node:crypto';
import type { CompositionRoot } from '@ledgerline/di';
import { AGENT } from '../container.ts';
import type { AskCommand } from './cli-args.ts';
import type { CommandIo } from './command-io.ts';
import { renderAnswer, renderAnswerJson } from './render-answer.ts';

export function newSessionId(prefix: string): string {
  return `${prefix}-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

/** One question. Exit code 0 answered or refused (a refusal is a correct outcome), 1 failed. */
export async function askCommand(root: CompositionRoot, command: AskCommand, io: CommandIo): Promise<number> {
  const agent = root.resolve(AGENT);
  const session = command.session ?? newSessionId('ask');
  const answer = await agent.ask(command.question, session);
  io.out(command.json ? renderAnswerJson(answer, agent.model) : renderAnswer(answer));
  if (!command.json && !command.session) io.err(`(session ${session}: continue with --session ${session})`);
  return answer.status === 'failed' ? 1 : 0;
}
