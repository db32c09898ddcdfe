/** Bad command-line input: main prints the message and the command's usage and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
