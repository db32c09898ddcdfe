import type { Command } from './command.ts';

/**
 * Every `batch` command by name, each loaded only when it runs: a command's module brings what it
 * needs (`seed` the dataset generator and faker, `generate` the PDF renderer), and an `ingest`
 * process is smaller and collects its garbage faster without them. A new command is one file in
 * this folder plus one line here.
 */
const LOADERS: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ['seed', async () => (await import('./seed.ts')).seedCommand],
  ['generate', async () => (await import('./generate.ts')).generateCommand],
  ['ingest', async () => (await import('./ingest.ts')).ingestCommand],
]);

export function loadCommand(name: string): Promise<Command | undefined> {
  return LOADERS.get(name)?.() ?? Promise.resolve(undefined);
}

/** All of them, in the order above (for the usage text). */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all([...LOADERS.values()].map((load) => load()));
}
