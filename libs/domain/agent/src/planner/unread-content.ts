// What a question says that its reading did not use (issue #20, item 2: nothing silently dropped).
// Every held-out set found questions answered confidently with a wrong number because a phrase
// the parser did not consume was simply ignored: "the opening quarter of 2026" answered for the
// whole year, "how much did C-1 pocket" answered as spend. Phrase fixes do not generalise, so the
// parser reports what is left over once everything it read is blanked out, and the planner
// refuses, saying what it understood and what it did not, instead of answering without it.

/**
 * Time vocabulary still in the text once every time rule has taken its expression out: the
 * question narrows its period in a way no rule read ("the opening quarter", "two fortnights
 * back", "the 2025 season"). Uses of "month" that are not a period (per month, monthly, month
 * over month, which month) and "the year" before a read year are blanked first.
 */
export function leftoverTimeWord(rest: string): string | undefined {
  const text = rest
    .replace(/\b(per|a|each|every|by|which|what|any|one|single|typical|average|the)\s+(month|week|year|day)\b/g, ' ')
    .replace(/\bmonths?\s+(with|that have|having)\b/g, ' ')
    .replace(/\b(month|year)\s{2,}/g, ' ');
  return LEFTOVER_TIME.exec(text)?.[0];
}

const LEFTOVER_TIME = /\b(quarters?|fortnights?|semesters?|seasons?|opening|preceding|(?:19|20)\d{2})\b/;

/**
 * The content words of a "how much did C-1 <verb>" question that named no measure word (no
 * spend, cost, income...): the measure was guessed from "how much" alone, so any verb or noun
 * left over ("pocket", "flowed in", "end in the plus") may name a different measure. Words that
 * carry no meaning of their own, and the comparison and payment words the planner reads on
 * their own, are not counted.
 */
export function unreadMeasureWords(rest: string): string[] {
  return (rest.match(/[\p{L}]+/gu) ?? []).filter((w) => w.length > 1 && !FILLER.has(w));
}

const FILLER = new Set(
  `how much many did does do was were is are be been has have had will would the an in on at for of to by from
  during over across within into with and or customer customers client money total overall all altogether
  what that this these those their his her its they them he she it me my we our you your i please tell show
  give find s eur euro euros amount sum figure so far exactly roughly about around approximately
  change changes difference percent percentage versus vs against compared compare then bill bills payment payments
  went go goes gone month months week weeks year years day days`.split(/\s+/),
);
