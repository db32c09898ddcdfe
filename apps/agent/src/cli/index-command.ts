import { ANALYTICS_STORE } from '@ledgerline/analytics';
import { collectDocuments, EMBEDDER, indexDocuments, MODEL_DOCS, VECTOR_INDEX, type IndexProgress } from '@ledgerline/agent';
import type { CompositionRoot } from '@ledgerline/di';
import { ENV } from '../container.ts';
import type { IndexCommand } from './cli-args.ts';
import type { CommandIo } from './command-io.ts';

/** Builds or refreshes the document index: only new or changed documents are embedded. */
export async function indexCommand(root: CompositionRoot, command: IndexCommand, io: CommandIo): Promise<number> {
  const env = root.resolve(ENV);
  const index = root.resolve(VECTOR_INDEX);
  const embedder = root.resolve(EMBEDDER);
  const started = Date.now();
  io.err(`indexing into ${index.description} with ${embedder.id}`);
  const docs = await collectDocuments({
    store: root.resolve(ANALYTICS_STORE),
    modelDocs: root.resolve(MODEL_DOCS),
    baseCurrency: env.BASE_CURRENCY,
    ...(command.months ? { summaryMonths: command.months } : {}),
    ...(command.kinds ? { kinds: command.kinds } : {}),
    onKind: (kind, count) => io.err(`  collected ${count} ${kind} documents`),
  });
  let lastShown = -1;
  const progress = (p: IndexProgress) => {
    if (p.phase !== 'embedding') return io.err(`  ${p.phase}${p.phase === 'deleting' ? ` ${p.total} stale documents` : ''}`);
    const percent = Math.floor((p.done / Math.max(p.total, 1)) * 10) * 10;
    if (percent !== lastShown || p.done === p.total) io.err(`  embedded ${p.done}/${p.total} (${percent}%)`);
    lastShown = percent;
  };
  const report = await indexDocuments(docs, { embedder, index, rebuild: command.rebuild, onProgress: progress });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (command.json) io.out(JSON.stringify({ index: index.description, embedder: embedder.id, ...report, seconds: Number(seconds) }, null, 2));
  else io.out(`${report.total} documents: ${report.embedded} embedded, ${report.unchanged} unchanged, ${report.deleted} deleted (${seconds} s).`);
  return 0;
}
