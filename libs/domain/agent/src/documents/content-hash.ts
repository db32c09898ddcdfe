import { createHash } from 'node:crypto';
import type { AgentDocument } from './agent-document.ts';

/**
 * What decides whether a stored document must be re-embedded: its text, title, metadata and the
 * embedder (a new model means new vectors). Metadata keys are sorted so the hash is stable.
 */
export function contentHash(doc: AgentDocument, embedderId: string): string {
  const metadata = Object.fromEntries(Object.entries(doc.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const canonical = JSON.stringify([embedderId, doc.kind, doc.title, doc.text, metadata]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
