import { AnalyticsUnavailableError, SqlRejectedError } from '@ledgerline/analytics';
import { ConfigError, loadConfig } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { createLogger } from '@ledgerline/logging';
import { describeError } from '@ledgerline/warehouse-sync';
import { parseCliArgs, USAGE, type AnalyticsCommand } from './cli-args.ts';
import { processIo, type CommandIo } from './commands/command-io.ts';
import { buildContainer } from './container.ts';

// Exit codes: 0 ok, 1 a failure or validation mismatch (named on stderr/stdout), 2 bad arguments or configuration.
async function main(argv: string[], io: CommandIo): Promise<number> {
  let command: AnalyticsCommand;
  let env;
  try {
    command = parseCliArgs(argv);
    if (command.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    env = loadConfig();
  } catch (error) {
    io.err(`${error instanceof ConfigError ? error.message : `analytics: ${describeError(error)}`}\n\n${USAGE}`);
    return 2;
  }

  // Logs go to stderr (the logger's default), so query output on stdout stays clean.
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }).child('analytics');
  let root: CompositionRoot | undefined;
  try {
    root = buildContainer(env, logger);
    // Each command module is loaded on demand: read commands never load the Postgres client.
    switch (command.command) {
      case 'sync':
        return await (await import('./commands/sync-command.ts')).syncCommand(root, command, io);
      case 'validate':
        return await (await import('./commands/validate-command.ts')).validateCommand(root, command, io);
      case 'stats':
        return await (await import('./commands/stats-command.ts')).statsCommand(root, command, io);
      case 'query':
        return await (await import('./commands/query-command.ts')).queryCommand(root, command, io);
      default: {
        const unknown: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
      }
    }
  } catch (error) {
    if (error instanceof SqlRejectedError || error instanceof AnalyticsUnavailableError) io.err(error.message);
    else io.err(`analytics ${command.command} failed: ${describeError(error)}`);
    return 1;
  } finally {
    await root?.dispose().catch((error: unknown) => logger.warn('cleanup failed', { reason: describeError(error) }));
  }
}

process.exitCode = await main(process.argv.slice(2), processIo);
