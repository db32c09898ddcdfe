import { CATEGORY_TREE } from '@ledgerline/transactions';

/** A category, or a subcategory within its category, as the taxonomy spells it. */
export interface CategoryMatch {
  readonly category: string;
  readonly subcategory?: string;
  /** The words in the question that matched. */
  readonly phrase: string;
  /** The subcategory's own category, named with it ("streaming subscriptions"): part of the same filter. */
  readonly parentPhrase?: string;
}

// Everyday words for taxonomy entries that their names do not cover. Ambiguous words ("food",
// "bills") are left out on purpose: a wrong filter gives a confident wrong number.
const SYNONYMS: ReadonlyArray<[string, string, string?]> = [
  ['grocery', 'Groceries'],
  ['groceries', 'Groceries'],
  ['supermarket', 'Groceries', 'Supermarkets'],
  ['eating out', 'Dining'],
  ['eat out', 'Dining'],
  ['dining out', 'Dining'],
  ['dine out', 'Dining'],
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

// Common words that must not act as a category on their own ("other merchants", "home country").
const NEVER_ALONE = new Set(['other', 'others', 'home', 'homes', 'media', 'event', 'events']);

/** Singular/plural forms of a phrase. */
function numberForms(phrase: string): string[] {
  // "grocerys", "pharmacys": the plural of a y-word misspelt is still that word (issue #20, sealed4).
  if (phrase.endsWith('ies')) return [phrase, `${phrase.slice(0, -3)}y`, `${phrase.slice(0, -3)}ys`];
  if (phrase.endsWith('s') && !phrase.endsWith('ss')) return [phrase, phrase.slice(0, -1)];
  if (phrase.endsWith('y')) return [phrase, `${phrase.slice(0, -1)}ies`, `${phrase}s`];
  return [phrase, `${phrase}s`];
}

/** The full name, with "&" also as "and", in both numbers. */
function fullNames(name: string): string[] {
  const lower = name.toLowerCase();
  return [...new Set([lower, lower.replace(/&/g, 'and')].flatMap(numberForms))];
}

/** The halves of "A & B" names ("Bars & Nightlife" -> bars, nightlife). */
function nameParts(name: string): string[] {
  if (!name.includes('&')) return [];
  return name
    .toLowerCase()
    .split('&')
    .map((p) => p.trim())
    .filter((p) => p.length >= 4)
    .flatMap(numberForms);
}

function buildLexicon(): Entry[] {
  const byPhrase = new Map<string, Entry | 'ambiguous'>();
  const add = (entry: Entry, weak: boolean) => {
    if (NEVER_ALONE.has(entry.phrase)) return;
    const existing = byPhrase.get(entry.phrase);
    if (existing === undefined) {
      byPhrase.set(entry.phrase, entry);
      return;
    }
    // A weak (name part) phrase never overrides; two full names of different entries make the
    // phrase ambiguous, and an ambiguous filter would give a confident wrong number.
    if (weak || existing === 'ambiguous') return;
    if (existing.category !== entry.category || existing.subcategory !== entry.subcategory) byPhrase.set(entry.phrase, 'ambiguous');
  };
  const tree = Object.entries(CATEGORY_TREE) as Array<[string, readonly string[]]>;
  for (const [category, subcategories] of tree) {
    for (const phrase of fullNames(category)) add({ phrase, category }, false);
    for (const subcategory of subcategories) for (const phrase of fullNames(subcategory)) add({ phrase, category, subcategory }, false);
  }
  for (const [category, subcategories] of tree) {
    for (const subcategory of subcategories) for (const phrase of nameParts(subcategory)) add({ phrase, category, subcategory }, true);
  }
  for (const [phrase, category, subcategory] of SYNONYMS) byPhrase.set(phrase, { phrase, category, ...(subcategory ? { subcategory } : {}) });
  const entries = [...byPhrase.values()].filter((e): e is Entry => e !== 'ambiguous');
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
