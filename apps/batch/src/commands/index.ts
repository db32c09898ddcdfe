import type { Command } from './command.ts';
import { generateCommand } from './generate.ts';
import { ingestCommand } from './ingest.ts';
import { seedCommand } from './seed.ts';

/** Every `batch` command by name. A new command is one file in this folder plus one line here. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  [seedCommand.name, seedCommand],
  [generateCommand.name, generateCommand],
  [ingestCommand.name, ingestCommand],
]);
