import { redact } from './redact-output.ts';

/** Where commands write: stdout for results, stderr for progress and errors. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Every line passes through redaction: an error from any library cannot print a key. */
export function redactingIo(io: CommandIo, secrets: readonly string[]): CommandIo {
  return { out: (text) => io.out(redact(text, secrets)), err: (text) => io.err(redact(text, secrets)) };
}
