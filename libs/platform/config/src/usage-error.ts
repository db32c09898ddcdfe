import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The process was started with bad command-line input: its main prints the message and the
 * command's usage and exits with 2. One class for every app, so a parser in any app (or a shared
 * one) throws what every main recognises; the env's counterpart is ConfigError.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** node:util's `parseArgs`, with its refusals (unknown option, missing value) thrown as a UsageError. */
export function parseArgvOrRefuse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
