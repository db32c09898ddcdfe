import { ConfigError, loadConfig, UsageError } from '@ledgerline/config';
import { createLogger } from '@ledgerline/logging';
import { buildPipelineContainer, dbtUnavailableReason } from '../container.ts';
import { FLOWS_HELP, FLOWS_USAGE, parseFlowsArgs } from './flows-args.ts';
import { runFlowsCommand } from './flows-command.ts';

export interface FlowsMainIo {
  repoRoot: string;
  write: (line: string) => void;
  writeError: (line: string) => void;
  /** The environment (default process.env and .env), for tests. */
  env?: Record<string, string | undefined>;
}

/** `pipeline flows list|run|history|backfill`: exit 0 done, 1 a run failed, 2 bad arguments or an unknown flow. */
export async function flowsMain(argv: readonly string[], io: FlowsMainIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.write(FLOWS_HELP);
    return 0;
  }
  let args;
  let env;
  try {
    args = parseFlowsArgs(argv);
    env = loadConfig(io.env ? { env: io.env, dotenvPath: false } : {});
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.writeError(error instanceof UsageError ? `${error.message}\n${FLOWS_USAGE}` : error.message);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, scope: 'flows' });
  const dbtUnavailable = dbtUnavailableReason(env, io.repoRoot);
  const root = await buildPipelineContainer(env, logger, { repoRoot: io.repoRoot, ...(dbtUnavailable ? { dbtUnavailable } : {}) });
  try {
    return await runFlowsCommand(args, { env, root, logger, repoRoot: io.repoRoot, write: io.write, writeError: io.writeError });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.writeError(error.message);
    return 2;
  } finally {
    await root.dispose();
  }
}
