import { resolve } from 'node:path';
import { ConfigError, loadConfig, UsageError } from '@ledgerline/config';
import { dbtFromEnv } from '@ledgerline/dbt';
import { DashboardPortInUseError } from '@ledgerline/dashboard-http';
import { createLogger, onStopSignal } from '@ledgerline/logging';
import { RUN_HISTORY } from '@ledgerline/pipeline';
import { StreamPlanMismatchError } from '@ledgerline/transactions/generator';
import { parsePipelineArgs, USAGE } from './cli-args.ts';
import { buildPipelineContainer, dbtUnavailableReason } from './container.ts';
import { printRunHistory } from './commands/status-command.ts';
import { flowsMain } from './flows-cli/flows-main.ts';
import { serve } from './commands/serve-command.ts';
import { StatusPrinter } from './status/status-printer.ts';
import { whereToLook } from './status/where-to-look.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

async function main(argv: string[]): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  if (argv[0] === 'flows') return flowsMain(argv.slice(1), { repoRoot, write, writeError: (line) => process.stderr.write(`${line}\n`) });
  if (argv.includes('--help') || argv.includes('-h')) {
    write(`The main job: every stage in one process, embedded defaults unless the environment names real services.\n${USAGE}`);
    return 0;
  }
  let args;
  let env;
  try {
    args = parsePipelineArgs(argv);
    env = loadConfig();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT, scope: 'pipeline' });
  const dbtUnavailable = dbtUnavailableReason(env, repoRoot);
  const root = await buildPipelineContainer(env, logger, { repoRoot, ...(dbtUnavailable ? { dbtUnavailable } : {}) });
  try {
    if (args.command === 'status') {
      await printRunHistory(root.resolve(RUN_HISTORY), args.limit, write);
      return 0;
    }
    write('Ledgerline pipeline — adapters for this configuration:');
    // The adapters' own labels, as bound: nothing here restates which adapter an env selects.
    for (const { port, adapter } of root.describeBindings()) write(`  ${port.padEnd(18)} ${adapter}`);
    write(`  ${'dbt'.padEnd(18)} ${dbtUnavailable ? `skipped: ${dbtUnavailable}` : `dbt build after each sync that changed rows (target ${dbtFromEnv(env, { repoRoot }).target})`}`);
    write(
      args.clock === 'fast'
        ? `  ${'clock'.padEnd(18)} FAST simulated clock (--clock fast): transactions run ahead of the wall clock, into the future`
        : `  ${'clock'.padEnd(18)} wall clock: history up to now at ${args.rate}/s, then each transaction when its time comes (--clock fast for a demo speed-up)`,
    );
    for (const line of whereToLook(env)) write(line);

    const stopRequested = new Promise<string>((resolveStop) => {
      onStopSignal(logger, () => resolveStop('stop signal'));
      if (args.durationSeconds) setTimeout(() => resolveStop(`duration ${args.durationSeconds}s elapsed`), args.durationSeconds * 1000).unref();
    });
    // However the stop was asked for, it ends in bounded time (a supervisor sends SIGTERM once).
    void stopRequested.then((reason) => exitAfter(env.PIPELINE_STOP_TIMEOUT_SECONDS * 1000, `the stop (${reason}) did not finish within PIPELINE_STOP_TIMEOUT_SECONDS=${env.PIPELINE_STOP_TIMEOUT_SECONDS}`));
    const printer = new StatusPrinter(process.stdout);
    const restoreStderr = printer.inPlace && process.stderr.isTTY ? keepStatusBelowStderr(printer) : () => undefined;
    try {
      return await serve({
        env,
        root,
        args,
        logger,
        repoRoot,
        stopRequested,
        write: (line) => printer.line(line),
        status: (line) => printer.status(line),
        endStatus: () => printer.finish(),
        ...(dbtUnavailable ? { dbtUnavailable } : {}),
        writeError: (line) => process.stderr.write(`${line}\n`),
      });
    } catch (error) {
      if (error instanceof DashboardPortInUseError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      if (!(error instanceof StreamPlanMismatchError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    } finally {
      printer.finish();
      restoreStderr();
    }
  } finally {
    await root.dispose();
  }
}

/** Log lines (stderr) on the same terminal clear the in-place status line and get it back below them. */
function keepStatusBelowStderr(printer: StatusPrinter): () => void {
  const original = process.stderr.write;
  const wrapped = function (this: NodeJS.WriteStream, ...args: Parameters<typeof original>): boolean {
    let written = true;
    printer.around(() => {
      written = original.apply(process.stderr, args);
    });
    return written;
  };
  process.stderr.write = wrapped as typeof original;
  return () => {
    process.stderr.write = original;
  };
}

/**
 * Exits with a failure once `ms` have passed, unless the process has ended by then (the timer does
 * not keep it alive). Why: work still pending after the job has finished or failed (a retry loop,
 * a poller of a stage whose stop never came) must not keep a process alive that has nothing left
 * to do: it did, and then ignored --duration and SIGTERM.
 */
function exitAfter(ms: number, why: string, code = 1): void {
  setTimeout(() => {
    process.stderr.write(`${code === 0 ? 'warning' : 'error'}: ${why}; exiting with work still pending\n`);
    process.exit(code);
  }, ms).unref();
}

/** After main has returned or failed, what it opened has been closed: anything left is a leak. */
const EXIT_GRACE_MS = 10_000;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    exitAfter(EXIT_GRACE_MS, 'the main job ended but the process did not', code);
  },
  (error: unknown) => {
    process.stderr.write(`pipeline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    exitAfter(EXIT_GRACE_MS, 'the main job failed but the process did not end');
  },
);
