import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { ConfigError, loadConfig, type LedgerlineEnv, UsageError } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { llmOptionsFromEnv } from '@ledgerline/llm';
import { createLogger } from '@ledgerline/logging';
import { buildContainer } from '../container.ts';
import type { ChatStreams } from './chat-command.ts';
import { parseCliArgs, USAGE, type AgentCommand } from './cli-args.ts';
import { redact, secretsOf } from './redact-output.ts';
import { redactingIo, type CommandIo } from './command-io.ts';

export interface CliContext {
  readonly io: CommandIo;
  readonly streams: ChatStreams;
  /** Environment to configure from (default process.env via loadConfig). */
  readonly env?: Record<string, string | undefined>;
}

// Exit codes: 0 answered/refused/indexed, 1 the agent failed or the data is unavailable, 2 bad usage or configuration.
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let command: AgentCommand;
  let env: LedgerlineEnv;
  try {
    command = parseCliArgs(argv);
    if (command.command === 'help') {
      context.io.out(USAGE);
      return 0;
    }
    env = loadConfig(context.env ? { env: context.env, dotenvPath: false } : {});
    // A provider named without its settings is refused here, as a configuration error (exit 2),
    // before anything is opened (the container builds the models from the same reading).
    llmOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      // A config error may quote a bad value; it must not be a key.
      context.io.err(`${redact(error.message, secretsOf((context.env ?? process.env) as Partial<LedgerlineEnv>))}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const secrets = secretsOf(env);
  const io = redactingIo(context.io, secrets);
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, write: (line) => io.err(line) }).child('agent');
  let root: CompositionRoot | undefined;
  try {
    root = await buildContainer(env, logger, 'today' in command && command.today ? { today: command.today } : {});
    switch (command.command) {
      case 'ask':
        return await (await import('./ask-command.ts')).askCommand(root, command, io);
      case 'chat':
        return await (await import('./chat-command.ts')).chatCommand(root, command, io, context.streams);
      case 'index':
        return await (await import('./index-command.ts')).indexCommand(root, command, io);
      default: {
        const unknown: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(error instanceof AnalyticsUnavailableError ? message : `agent ${command.command} failed: ${message}`);
    return 1;
  } finally {
    await root?.dispose().catch((error: unknown) => logger.warn('cleanup failed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}
