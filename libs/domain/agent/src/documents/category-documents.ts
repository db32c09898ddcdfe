import { CATEGORY_TREE, MCC_TABLE, type MccEntry } from '@ledgerline/transactions';
import type { AgentDocument } from './agent-document.ts';

/**
 * One document per category and one per subcategory of the taxonomy, listing the merchant
 * category codes (ISO 18245, from MCC_TABLE) that map to it: what lets a search for "pharmacy"
 * or "5912" land on Health / Pharmacy.
 */
export function categoryDocuments(): AgentDocument[] {
  const bySubcategory = new Map<string, MccEntry[]>();
  for (const entry of MCC_TABLE) {
    const key = `${entry.category}/${entry.subcategory}`;
    bySubcategory.set(key, [...(bySubcategory.get(key) ?? []), entry]);
  }
  const mccList = (entries: readonly MccEntry[]) => entries.map((e) => `${e.code} ${e.description}`).join('; ');
  const docs: AgentDocument[] = [];
  for (const [category, subcategories] of Object.entries(CATEGORY_TREE)) {
    const codes = MCC_TABLE.filter((e) => e.category === category);
    docs.push({
      id: `category:${category}`,
      kind: 'category',
      title: `Category ${category}`,
      text:
        `Category ${category}. Subcategories: ${subcategories.join(', ')}. ` +
        (codes.length > 0 ? `Merchant category codes: ${codes.map((c) => c.code).join(', ')}.` : 'No merchant category codes map to it.'),
      metadata: { category },
    });
    for (const subcategory of subcategories) {
      const entries = bySubcategory.get(`${category}/${subcategory}`) ?? [];
      docs.push({
        id: `subcategory:${category}/${subcategory}`,
        kind: 'category',
        title: `${category} / ${subcategory}`,
        text:
          `Subcategory ${subcategory} of category ${category}. ` +
          (entries.length > 0 ? `Merchant category codes: ${mccList(entries)}.` : 'No merchant category code maps to it.'),
        metadata: { category, subcategory },
      });
    }
  }
  return docs;
}
