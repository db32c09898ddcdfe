import type { LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import type { Logger } from '@ledgerline/logging';

/** What main hands every command. */
export interface CommandContext {
  env: LedgerlineEnv;
  logger: Logger;
  /** The app's container, built on first call (so `--help` opens no database); main disposes it. */
  container(): Promise<CompositionRoot>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** One `batch <name> ...` command. Returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], context: CommandContext): Promise<number>;
}
