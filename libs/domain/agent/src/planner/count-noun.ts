import { findCategory } from './category-lexicon.ts';

// What a "how many ..." question counts. The planner counts transactions only; "how many steps
// did C-1 walk" answered with the customer's transaction count was a confident wrong number
// (issue #20, sealed3). A count of anything else is refused, saying what was understood.

// Nouns that are transactions by another name (or the times something was paid).
const TRANSACTION_NOUNS =
  /^(transactions?|txns?|payments?|purchases?|times?|charges?|debits?|credits?|withdrawals?|refunds?|deposits?|orders?|bookings?|bills?|fees?|entries|rows?|records?|visits?|trips?|rides?|operations?|transfers?|subscriptions?)$/;
// Words between "how many" and the noun that do not change what is counted.
const FILLER = /^(of|the|a|an|'s|s|their|his|her|my|its|separate|different|individual|single|total|counted|card|online|in-store|mobile|)$/;
// Where the counted noun phrase ends: a verb or a preposition ("how many steps did ...").
const PHRASE_END = /^(did|does|do|has|have|had|was|were|is|are|will|in|on|at|for|by|during|since|between|from|to|with|over|last|this|made|make)$/;

const COUNT_PHRASE = /\b(?:how many|number of|count of)\s+(.*)$/;

/**
 * The noun a count question counts when it is not transactions ("steps"), else undefined.
 * `text` is the lower-cased question with ids blanked out.
 */
export function uncountableNoun(text: string): string | undefined {
  const after = COUNT_PHRASE.exec(text)?.[1];
  if (after === undefined) return undefined;
  // The counted noun is the first word, or the second after a modifier ("restaurant visits").
  const words: string[] = [];
  for (const raw of after.split(/\s+/)) {
    const word = raw.replace(/[?.!,;:]+$/, '');
    if (PHRASE_END.test(word)) break;
    if (!FILLER.test(word)) words.push(word);
    if (word !== raw || words.length >= 2) break;
  }
  const [noun, second] = words;
  if (noun === undefined || TRANSACTION_NOUNS.test(noun) || (second !== undefined && TRANSACTION_NOUNS.test(second))) return undefined;
  // "how many coffees", "number of grocery runs": a category's rows are transactions.
  if (findCategory(noun) || findCategory(noun.replace(/s$/, ''))) return undefined;
  return noun;
}
