import { runCli } from './cli/run-cli.ts';
import { processIo } from './cli/command-io.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  io: processIo,
  streams: { input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) },
});
