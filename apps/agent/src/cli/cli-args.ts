import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DOCUMENT_KINDS } from '@ledgerline/agent';
import { UsageError } from '@ledgerline/config';

export const USAGE = `Ledgerline agent: read-only questions about the data (offline planner; Gemini with GOOGLE_API_KEY; a local or hosted
OpenAI-compatible model with LLM_PROVIDER=openai-compatible, LLM_BASE_URL and LLM_MODEL).

Usage: nx run agent:serve -- <command> [options]
  ask "<question>" [--session ID] [--today YYYY-MM-DD] [--json]
                     one question; --session continues a conversation
  chat [--session ID] [--today YYYY-MM-DD]
                     interactive; prints the session id to resume with --session
  index [--rebuild] [--kinds merchant,category,...] [--months N] [--json]
                     build or refresh the document index (incremental)
  help

--json prints the answer, status, tool calls, SQL and sources as one JSON object.
--today fixes "today" for relative dates (default: the day of the latest transaction).`;

const sessionId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a session id is 1-64 letters, digits, "-" or "_"');
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

const askSchema = z.object({
  command: z.literal('ask'),
  question: z.string().trim().min(1, 'ask needs a question in quotes').max(2000),
  session: sessionId.optional(),
  today: day.optional(),
  json: z.boolean(),
});
const chatSchema = z.object({ command: z.literal('chat'), session: sessionId.optional(), today: day.optional() });
const indexSchema = z.object({
  command: z.literal('index'),
  rebuild: z.boolean(),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).min(1).optional(),
  months: z.coerce.number().int().min(1).max(120).optional(),
  json: z.boolean(),
});

export type AskCommand = z.output<typeof askSchema>;
export type ChatCommand = z.output<typeof chatSchema>;
export type IndexCommand = z.output<typeof indexSchema>;
export type AgentCommand = AskCommand | ChatCommand | IndexCommand | { command: 'help' };

/** argv (after `main.ts`) into a validated command. */
export function parseCliArgs(argv: readonly string[]): AgentCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        session: { type: 'string', short: 's' },
        today: { type: 'string' },
        json: { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
        kinds: { type: 'string' },
        months: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { command: 'help' };
  const result = (() => {
    switch (command) {
      case 'ask':
        return askSchema.safeParse({ command, question: rest.join(' '), session: values.session, today: values.today, json: values.json });
      case 'chat':
        return chatSchema.safeParse({ command, session: values.session, today: values.today });
      case 'index':
        return indexSchema.safeParse({
          command,
          rebuild: values.rebuild,
          kinds: values.kinds?.split(',').map((k) => k.trim()),
          months: values.months,
          json: values.json,
        });
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  })();
  if (!result.success) throw new UsageError(result.error.issues.map((i) => `${i.path.join('.') || command}: ${i.message}`).join('; '));
  return result.data;
}
