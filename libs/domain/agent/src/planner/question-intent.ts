import type { Channel } from '@ledgerline/transactions';
import type { DocumentKind } from '../documents/agent-document.ts';
import type { CategoryMatch } from './category-lexicon.ts';
import type { Correction } from './spelling.ts';
import type { TimeSpec } from './time-range.ts';

/** What the question asks for. */
export type MetricKind =
  | 'spend'
  | 'income'
  | 'net'
  | 'count'
  | 'average'
  | 'balance'
  | 'top_merchants'
  | 'largest'
  | 'recurring'
  | 'anomalies'
  | 'month_over_month'
  | 'freshness'
  | 'schema'
  | 'category_of'
  | 'documents'
  | 'unknown';

/** What the answer is broken down by. */
export type Dimension = 'category' | 'subcategory' | 'merchant' | 'channel' | 'city' | 'state' | 'country' | 'customer' | 'month' | 'week' | 'day';

/**
 * A question parsed by the offline planner: the metric, its breakdown, time expressions (none =
 * all data, one = a range, two or more = a comparison) and filters. Names that need the data to
 * be resolved (a merchant) stay text here; the planner looks them up with the metrics search.
 */
export interface QuestionIntent {
  readonly metric: MetricKind;
  /** False when the metric was inferred (a follow-up like "and in April?" keeps the previous one). */
  readonly explicitMetric: boolean;
  readonly dimension?: Dimension;
  readonly times: readonly TimeSpec[];
  readonly customerId?: string;
  readonly accountId?: string;
  readonly category?: CategoryMatch;
  /** A merchant as the user wrote it; resolved against the data. */
  readonly merchantText?: string;
  readonly channel?: Channel;
  /** ISO 3166 alpha-2. */
  readonly country?: string;
  readonly topN?: number;
  /** average: per transaction, or per calendar month of the period. */
  readonly averageOf?: 'transaction' | 'month';
  /** average: what is averaged (spend unless the question names income or net). */
  readonly averageMeasure?: 'spend' | 'income' | 'net';
  /** Text to look for (documents, category_of) or the relation to describe (schema). */
  readonly subject?: string;
  readonly documentKind?: DocumentKind;
  /** Time words the planner could not read ("the first half of May"): the answer refuses rather than widen the period. */
  readonly unreadTime?: string;
  /** Content words left over when the measure was guessed from "how much" alone ("pocket"): refused. */
  readonly unreadMeasure?: readonly string[];
  /** count: the noun counted when it is not transactions ("how many steps"); refused. */
  readonly uncountable?: string;
  /** Further categories named with the first ("groceries and dining"): each answered on its own. */
  readonly alsoCategories?: readonly CategoryMatch[];
  /** Further merchants named with the first ("at LIDL and at ALDI"): each answered on its own. */
  readonly alsoMerchants?: readonly string[];
  /** Spend and income asked together ("spend and earn"): answered from the same cashflow figures. */
  readonly parts?: readonly ['spend', 'income'];
  /** Misspelt words read as vocabulary words; said with the answer. */
  readonly corrections?: readonly Correction[];
}
