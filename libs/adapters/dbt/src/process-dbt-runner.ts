import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Logger } from '@ledgerline/logging';
import { parseDbtRunResults, type DbtBuildSummary, type DbtRunner } from '@ledgerline/warehouse-sync';

export interface ProcessDbtRunnerOptions {
  /** Program and arguments, e.g. ['bash', 'tools/dbt/dbt.sh', 'build']. */
  readonly command: readonly [string, ...string[]];
  readonly cwd: string;
  /** dbt writes it at the end of every run: <project>/target/run_results.json. */
  readonly runResultsPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/** dbt did not run to the point of reporting results (missing script, crash, bad project). */
export class DbtRunError extends Error {
  constructor(message: string, readonly outputTail: readonly string[]) {
    super(`${message}${outputTail.length ? `\n  ${outputTail.join('\n  ')}` : ''}`);
    this.name = 'DbtRunError';
  }
}

const TAIL_LINES = 30;

/**
 * DbtRunner as a child process (the project's dbt wrapper script), read back through the
 * run_results.json it writes. Output lines are logged at debug; the last lines go into errors.
 */
export class ProcessDbtRunner implements DbtRunner {
  constructor(private readonly options: ProcessDbtRunnerOptions) {}

  async build(): Promise<DbtBuildSummary> {
    const { command, cwd, runResultsPath, env, logger } = this.options;
    const [program, ...args] = command;
    const startedAt = Date.now();
    const tail: string[] = [];
    const onLine = (line: string) => {
      if (line.trim() === '') return;
      logger.debug(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      forwardLines(child.stdout, onLine);
      forwardLines(child.stderr, onLine);
      child.on('error', (error) => reject(new DbtRunError(`cannot start ${command.join(' ')}: ${error.message}`, tail)));
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });

    // Results older than this run belong to an earlier one: do not report them as ours.
    const fresh = existsSync(runResultsPath) && statSync(runResultsPath).mtimeMs >= startedAt - 1_000;
    if (!fresh) {
      throw new DbtRunError(`${command.join(' ')} exited with ${exitCode} without writing ${runResultsPath}`, tail);
    }
    const summary = parseDbtRunResults(JSON.parse(readFileSync(runResultsPath, 'utf8')));
    if (exitCode !== 0 && summary.failures.length === 0) {
      throw new DbtRunError(`${command.join(' ')} exited with ${exitCode}`, tail);
    }
    return summary;
  }
}

function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  stream.on('end', () => onLine(buffered));
}
