import { ConfigError, loadConfig } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { createLogger } from '@ledgerline/logging';
import { StoreConstraintError } from '@ledgerline/ingestion';
import { UsageError } from '@ledgerline/config';
import { loadAllCommands, loadCommand } from './commands/index.ts';
import { buildBatchContainer } from './container.ts';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

async function usage(): Promise<string> {
  const lines = (await loadAllCommands()).map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `usage: nx run batch:serve -- <command> [options]\ncommands:\n${lines.join('\n')}\nRun a command with --help for its options.`;
}

// A small dispatcher: picks the command, gives it config, logger and a lazily built container,
// maps errors to exit codes and always disposes what was opened.
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await usage()}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${await usage()}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }

  let env;
  try {
    env = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, scope: 'batch' });

  let root: CompositionRoot | undefined;
  const container = async () => {
    if (!root) {
      root = await buildBatchContainer(env, logger);
      for (const { port, adapter } of root.describeBindings()) logger.info('binding', { port, adapter });
    }
    return root;
  };
  try {
    return await command.run(rest, { env, logger, container, stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof StoreConstraintError) {
      logger.error(`${name} failed: ${error.message}`);
      return EXIT_FAILURE;
    }
    logger.error(`${name} failed`, { error });
    return EXIT_FAILURE;
  } finally {
    await root?.dispose().catch((error: unknown) => logger.error('shutdown failed', { error }));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
