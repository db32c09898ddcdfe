import { averagePerMonthCents, percentChangeText as catalogPercentChange } from '@ledgerline/analytics';
import { divideHalfEven, fromCents, toCents } from '@ledgerline/transactions';
import { CHANNEL_PHRASE } from './extract-entities.ts';
import type { QuestionIntent } from './question-intent.ts';
import type { Channel } from '@ledgerline/transactions';

/** Money exactly as the data has it: "412.37 EUR" (no thousands separators, never a float). */
export function money(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

export function signed(amount: string): string {
  return amount.startsWith('-') ? amount : `+${amount}`;
}

export function sumMoney(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}

export function subtractMoney(a: string, b: string): string {
  return fromCents(toCents(a) - toCents(b));
}

/** amount / n rounded half-even to the cent (the house rounding). */
export function divideMoney(amount: string, n: number): string {
  return fromCents(divideHalfEven(toCents(amount), BigInt(n)));
}

/** The metric catalog's percent change (the dashboard's KPIs use the same), "n/a" from zero. */
export function percentChangeText(current: string, previous: string): string {
  return catalogPercentChange(toCents(current), toCents(previous));
}

/** The metric catalog's average per month: total / months with data, half-even to the cent. */
export function perMonthMoney(total: string, monthsWithData: number): string {
  return fromCents(averagePerMonthCents(toCents(total), monthsWithData));
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** "Customer C-000042", "Account A-000042-1", "All customers". */
export function subjectOf(intent: Pick<QuestionIntent, 'customerId' | 'accountId'>): string {
  if (intent.accountId) return `Account ${intent.accountId}${intent.customerId ? ` (customer ${intent.customerId})` : ''}`;
  if (intent.customerId) return `Customer ${intent.customerId}`;
  return 'All customers';
}

export interface FilterWords {
  readonly category?: string;
  readonly subcategory?: string;
  readonly merchant?: string;
  readonly channel?: Channel;
  readonly country?: string;
}

/** subjectOf inside a sentence: "... for all customers". */
export function subjectInSentence(intent: Pick<QuestionIntent, 'customerId' | 'accountId'>): string {
  const subject = subjectOf(intent);
  return subject === 'All customers' ? 'all customers' : subject;
}

/** " on Groceries", " on Cafes (Dining)", " at LIDL", " online", " in DE" - in that order. */
export function filterPhrase(filters: FilterWords): string {
  const parts: string[] = [];
  if (filters.subcategory) parts.push(`on ${filters.subcategory} (${filters.category})`);
  else if (filters.category) parts.push(`on ${filters.category}`);
  if (filters.merchant) parts.push(`at ${filters.merchant}`);
  if (filters.channel) parts.push(CHANNEL_PHRASE[filters.channel]);
  if (filters.country) parts.push(`in ${filters.country}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** Numbered list "1. a; 2. b" with at most `max` items and a note of the rest. */
export function numbered(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).map((item, i) => `${i + 1}. ${item}`);
  const more = items.length > max ? `; and ${items.length - max} more` : '';
  return `${shown.join('; ')}${more}`;
}
