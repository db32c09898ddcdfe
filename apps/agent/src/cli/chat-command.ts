import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { CompositionRoot } from '@ledgerline/di';
import { sessionsDir } from '../agent-paths.ts';
import { AGENT, CHECKPOINTER, ENV } from '../container.ts';
import { newSessionId } from './ask-command.ts';
import type { ChatCommand } from './cli-args.ts';
import type { CommandIo } from './command-io.ts';
import { renderAnswer } from './render-answer.ts';

export interface ChatStreams {
  readonly input: Readable;
  readonly output: Writable;
  /** Whether to show a prompt and use arrow-key history (a terminal). */
  readonly terminal: boolean;
}

const HISTORY_LINES = 500;

/**
 * Interactive questions in one session. The conversation is checkpointed after every answer, so
 * `chat --session ID` (or `ask --session ID`) resumes it later; the typed lines are kept in
 * `<session>.history` for arrow-up recall. `/exit` or Ctrl-D ends.
 */
export async function chatCommand(root: CompositionRoot, command: ChatCommand, io: CommandIo, streams: ChatStreams): Promise<number> {
  const agent = root.resolve(AGENT);
  const saver = root.resolve(CHECKPOINTER);
  const session = command.session ?? newSessionId('chat');
  const dir = sessionsDir(root.resolve(ENV));
  const historyFile = join(dir, `${session}.history`);
  const history = existsSync(historyFile) ? readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_LINES).reverse() : [];

  io.err(`Ledgerline agent (${agent.model}); ${saver.hasSession(session) ? 'resuming' : 'new'} session ${session}. Ask about the data; /exit to leave.`);
  io.err(`Resume later with: nx run agent:serve -- chat --session ${session}`);
  const rl = createInterface({ input: streams.input, output: streams.output, terminal: streams.terminal, history, historySize: HISTORY_LINES });
  rl.setPrompt('you> ');
  if (streams.terminal) rl.prompt();
  try {
    for await (const line of rl) {
      const question = line.trim();
      if (question === '/exit' || question === '/quit') break;
      if (question === '/session') io.out(session);
      else if (question !== '') {
        mkdirSync(dir, { recursive: true });
        appendFileSync(historyFile, `${question}\n`);
        const answer = await agent.ask(question, session);
        io.out(`${renderAnswer(answer)}\n`);
      }
      if (streams.terminal) rl.prompt();
    }
  } finally {
    rl.close();
  }
  return 0;
}
