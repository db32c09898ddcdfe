import { ConfigError, loadConfig, UsageError } from '@ledgerline/config';
import { createLogger } from '@ledgerline/logging';
import { parseCliArgs, USAGE } from './cli-args.ts';
import { runBackfill } from './commands/backfill-command.ts';
import { runSources } from './commands/sources-command.ts';
import { runStream } from './commands/stream-command.ts';
import { wireMarket } from './market-wiring.ts';

const write = (text: string) => void process.stdout.write(text);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => new Date();

// Exit codes: 0 ok; 1 a source failed (named in the output); 2 bad arguments or configuration.
async function main(argv: string[]): Promise<number> {
  let command;
  let env;
  try {
    command = parseCliArgs(argv);
    if (command.command === 'help') {
      write(`${USAGE}\n`);
      return 0;
    }
    env = loadConfig();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`market: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }).child('market');
  const wiring = wireMarket(env, { logger });
  const controller = new AbortController();
  const stop = () => (controller.signal.aborted ? process.exit(130) : controller.abort());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    switch (command.command) {
      case 'backfill':
        return await runBackfill(wiring, command, { write, now });
      case 'sources':
        return await runSources(wiring, command, { write });
      case 'stream':
        return await runStream(wiring, command, { logger, now, sleep: (ms) => (controller.signal.aborted ? Promise.resolve() : sleep(ms)), signal: controller.signal, write });
    }
  } catch (error) {
    logger.error('market command failed', { reason: error instanceof Error ? error.message : String(error) });
    return 1;
  } finally {
    await wiring.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
