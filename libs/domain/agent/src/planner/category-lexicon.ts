import { CATEGORY_TREE } from '@ledgerline/transactions';

/** A category, or a subcategory within its category, as the taxonomy spells it. */
export interface CategoryMatch {
  readonly category: string;
  readonly subcategory?: string;
  /** The words in the question that matched. */
  readonly phrase: string;
}

// Everyday words for taxonomy entries that their names do not cover. Ambiguous words ("food",
// "bills") are left out on purpose: a wrong filter gives a confident wrong number.
const SYNONYMS: ReadonlyArray<[string, string, string?]> = [
  ['grocery', 'Groceries'],
  ['groceries', 'Groceries'],
  ['supermarket', 'Groceries', 'Supermarkets'],
  ['eating out', 'Dining'],
  ['restaurant', 'Dining', 'Restaurants'],
  ['coffee', 'Dining', 'Cafes'],
  ['coffee shops', 'Dining', 'Cafes'],
  ['cafe', 'Dining', 'Cafes'],
  ['café', 'Dining', 'Cafes'],
  ['takeaway', 'Dining', 'Food Delivery'],
  ['bars', 'Dining', 'Bars & Nightlife'],
  ['petrol', 'Transport', 'Fuel'],
  ['gas station', 'Transport', 'Fuel'],
  ['taxi', 'Transport', 'Taxi & Rideshare'],
  ['taxis', 'Transport', 'Taxi & Rideshare'],
  ['rideshare', 'Transport', 'Taxi & Rideshare'],
  ['flights', 'Travel', 'Airlines'],
  ['hotel', 'Travel', 'Hotels'],
  ['clothes', 'Shopping', 'Clothing & Shoes'],
  ['clothing', 'Shopping', 'Clothing & Shoes'],
  ['electricity', 'Utilities', 'Electricity & Gas'],
  ['phone', 'Utilities', 'Telecom'],
  ['mobile phone', 'Utilities', 'Telecom'],
  ['internet', 'Utilities', 'Internet & TV'],
  ['medicine', 'Health', 'Pharmacy'],
  ['pharmacies', 'Health', 'Pharmacy'],
  ['gym', 'Health', 'Fitness'],
  ['doctor', 'Health', 'Doctors & Dentists'],
  ['dentist', 'Health', 'Doctors & Dentists'],
  ['streaming services', 'Subscriptions', 'Streaming'],
  ['atm', 'Cash', 'ATM Withdrawals'],
  ['cash withdrawals', 'Cash', 'ATM Withdrawals'],
  ['bank fees', 'Fees', 'Bank Fees'],
  ['fees', 'Fees'],
  ['charges', 'Fees'],
  ['entertainment', 'Entertainment'],
];

// Words that are metrics or channels here, not categories ("cash flow", "income", "online").
const NOT_CATEGORY_CONTEXT = [/\bcash\s*flows?\b/g, /\bnet\s+income\b/g];

interface Entry {
  readonly phrase: string;
  readonly category: string;
  readonly subcategory?: string;
}

function variants(name: string): string[] {
  const lower = name.toLowerCase();
  const out = new Set([lower, lower.replace(/&/g, 'and')]);
  if (lower.includes('&')) {
    for (const part of lower.split('&').map((p) => p.trim())) if (part.length >= 4) out.add(part);
  }
  for (const v of [...out]) {
    if (v.endsWith('ies')) out.add(`${v.slice(0, -3)}y`);
    else if (v.endsWith('s') && !v.endsWith('ss')) out.add(v.slice(0, -1));
    else if (v.endsWith('y')) out.add(`${v.slice(0, -1)}ies`);
    else out.add(`${v}s`);
  }
  return [...out];
}

function buildLexicon(): Entry[] {
  const entries: Entry[] = [];
  const seen = new Map<string, Entry>();
  const add = (entry: Entry) => {
    const existing = seen.get(entry.phrase);
    // A phrase shared by two different subcategories is ambiguous: keep the category-level
    // entry if both are in one category, else drop it.
    if (existing && (existing.category !== entry.category || existing.subcategory !== entry.subcategory)) {
      seen.set(entry.phrase, existing.category === entry.category ? { phrase: entry.phrase, category: entry.category } : { phrase: entry.phrase, category: '' });
      return;
    }
    seen.set(entry.phrase, entry);
  };
  for (const [category, subcategories] of Object.entries(CATEGORY_TREE)) {
    for (const phrase of variants(category)) add({ phrase, category });
    for (const subcategory of subcategories) for (const phrase of variants(subcategory)) add({ phrase, category, subcategory });
  }
  for (const [phrase, category, subcategory] of SYNONYMS) seen.set(phrase, { phrase, category, ...(subcategory ? { subcategory } : {}) });
  for (const entry of seen.values()) if (entry.category !== '') entries.push(entry);
  // Longest phrases first, so "fast food" wins over "food" and "bank fees" over "fees".
  return entries.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1));
}

const LEXICON = buildLexicon();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PATTERNS = LEXICON.map((entry) => ({ entry, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(entry.phrase)}(?![\\p{L}\\p{N}])`, 'u') }));

/**
 * The category or subcategory a question names, matched against the taxonomy's own names
 * (singular/plural, "&" as "and") and a few everyday synonyms; the longest phrase wins.
 * `skip` are categories the caller reads as a metric instead (e.g. Income for "income").
 */
export function findCategory(text: string, skip: readonly string[] = []): CategoryMatch | undefined {
  let lower = text.toLowerCase();
  for (const pattern of NOT_CATEGORY_CONTEXT) lower = lower.replace(pattern, ' ');
  for (const { entry, pattern } of PATTERNS) {
    if (skip.includes(entry.category) && !entry.subcategory) continue;
    if (pattern.test(lower)) return { category: entry.category, ...(entry.subcategory ? { subcategory: entry.subcategory } : {}), phrase: entry.phrase };
  }
  return undefined;
}
