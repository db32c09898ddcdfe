import type { RunHistory } from '@ledgerline/pipeline';

/** `pipeline:serve -- status`: the recent scheduled runs, newest first, as a table. */
export async function printRunHistory(history: RunHistory, limit: number, write: (line: string) => void): Promise<void> {
  const runs = await history.recent(limit);
  if (runs.length === 0) {
    write('No runs recorded yet: start the pipeline with `nx run pipeline:serve`.');
    return;
  }
  write(`${'job'.padEnd(14)} ${'started (UTC)'.padEnd(20)} ${'took'.padStart(8)} ${'rows'.padStart(9)}  status  error`);
  for (const run of runs) {
    const took = `${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)}s`;
    write(
      `${run.job.padEnd(14)} ${run.startedAt.toISOString().slice(0, 19).replace('T', ' ').padEnd(20)} ${took.padStart(8)} ${String(run.rows).padStart(9)}  ${run.status.padEnd(6)}  ${run.error ?? ''}`.trimEnd(),
    );
  }
}
