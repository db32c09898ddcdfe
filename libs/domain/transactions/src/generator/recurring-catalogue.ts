import type { Channel } from '../model/transaction.ts';
import type { RecurringChances } from './personas.ts';
import type { HourProfileName } from './time-of-day.ts';

/** A provider of a recurring service; `{city}` / `{name}` are filled per customer. */
export interface RecurringProvider {
  merchant: string;
  mcc: string | null;
}

/**
 * A monthly recurring debit a customer may hold (subscriptions, utilities, insurance...). The
 * provider, price and debit day are fixed when the customer is created, so every month shows the
 * same merchant and the same amount — which is what `is_recurring` promises.
 */
export interface RecurringTemplate {
  key: keyof RecurringChances;
  providers: readonly RecurringProvider[];
  /** Price tiers (EUR) rendered as list prices (x.99), e.g. streaming plans. */
  tiersEur?: readonly number[];
  /** Otherwise a contractual amount in this EUR range, rounded to whole local units. */
  rangeEur?: readonly [number, number];
  txn_type: 'PURCHASE' | 'PAYMENT';
  channel: Channel;
  days: readonly [number, number];
  hours: HourProfileName;
  description: string;
}

const p = (merchant: string, mcc: string | null): RecurringProvider => ({ merchant, mcc });

export const RECURRING_TEMPLATES: readonly RecurringTemplate[] = [
  { key: 'streaming', providers: [p('NETFLIX', '4899'), p('DISNEY PLUS', '4899'), p('PRIME VIDEO', '5815'), p('HBO MAX', '4899')], tiersEur: [5, 9, 14, 20], txn_type: 'PURCHASE', channel: 'ONLINE', days: [1, 28], hours: 'bills', description: 'Streaming subscription' },
  { key: 'music', providers: [p('SPOTIFY', '5815'), p('APPLE MUSIC', '5815'), p('DEEZER', '5815'), p('YOUTUBE PREMIUM', '5815')], tiersEur: [6, 11, 18], txn_type: 'PURCHASE', channel: 'ONLINE', days: [1, 28], hours: 'bills', description: 'Music subscription' },
  { key: 'software', providers: [p('ICLOUD STORAGE', '5818'), p('GOOGLE ONE', '5818'), p('MICROSOFT 365', '5734'), p('DROPBOX', '7372'), p('ADOBE', '5734'), p('CHATGPT', '5734')], tiersEur: [1, 3, 10, 12, 24], txn_type: 'PURCHASE', channel: 'ONLINE', days: [1, 28], hours: 'bills', description: 'Software subscription' },
  { key: 'news', providers: [p('THE GUARDIAN', '5994'), p('NYTIMES', '5994'), p('SPIEGEL+', '5994'), p('LE MONDE', '5994'), p('THE ECONOMIST', '5994')], tiersEur: [4, 8, 15, 20], txn_type: 'PURCHASE', channel: 'ONLINE', days: [1, 28], hours: 'bills', description: 'News subscription' },
  { key: 'prime', providers: [p('AMAZON PRIME', '5968')], tiersEur: [9], txn_type: 'PURCHASE', channel: 'ONLINE', days: [1, 28], hours: 'bills', description: 'Membership' },
  { key: 'gym', providers: [p('MCFIT', '7997'), p('BASIC-FIT', '7997'), p('PURE GYM', '7997'), p('FITX', '7997'), p('URBAN SPORTS CLUB', '7997'), p('CLEVER FIT', '7997')], tiersEur: [20, 30, 40, 60], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [1, 15], hours: 'bills', description: 'Gym membership' },
  { key: 'phone', providers: [p('VODAFONE', '4814'), p('O2', '4814'), p('T-MOBILE', '4814'), p('ORANGE MOBILE', '4814'), p('TELIA', '4814'), p('SWISSCOM', '4814')], tiersEur: [10, 15, 20, 30, 40, 50], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [3, 20], hours: 'bills', description: 'Mobile phone contract' },
  { key: 'internet', providers: [p('SKY', '4899'), p('VIRGIN MEDIA', '4899'), p('ZIGGO', '4899'), p('{city} Fibre', '4816'), p('{city} Broadband', '4816')], rangeEur: [25, 60], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [3, 20], hours: 'bills', description: 'Internet and TV' },
  { key: 'electricity', providers: [p('E.ON', '4900'), p('VATTENFALL', '4900'), p('EDF', '4900'), p('ENEL', '4900'), p('IBERDROLA', '4900'), p('OCTOPUS ENERGY', '4900'), p('ENGIE', '4900'), p('STADTWERKE {city}', '4900')], rangeEur: [45, 160], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [5, 15], hours: 'bills', description: 'Energy advance payment' },
  { key: 'insurance', providers: [p('ALLIANZ', '6300'), p('AXA', '6300'), p('ERGO', '6300'), p('GENERALI', '6300'), p('AVIVA', '6300'), p('HUK-COBURG', '6300'), p('ZURICH INSURANCE', '6300')], rangeEur: [12, 95], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [1, 5], hours: 'bills', description: 'Insurance premium' },
  { key: 'childcare', providers: [p('{city} Kita', '8351'), p('{name} Daycare', '8351'), p('Little {name} Nursery', '8351')], rangeEur: [150, 450], txn_type: 'PAYMENT', channel: 'DIRECT_DEBIT', days: [1, 5], hours: 'bills', description: 'Childcare fees' },
];

/** Lenders whose name, followed by MORTGAGE, marks a mortgage instalment. */
export const MORTGAGE_LENDERS = ['SPARKASSE', 'ING', 'SANTANDER', 'BNP PARIBAS', 'HSBC', 'BARCLAYS', 'RABOBANK', 'NORDEA', 'UNICREDIT', 'KBC'] as const;

/** Software a small business pays for monthly (one or two are picked per business). */
export const BUSINESS_SOFTWARE: readonly RecurringProvider[] = [
  p('GOOGLE WORKSPACE', '7372'),
  p('SLACK TECHNOLOGIES', '7372'),
  p('XERO', '7372'),
  p('SHOPIFY', '7372'),
  p('ATLASSIAN', '7372'),
  p('HUBSPOT', '7372'),
];

/** Card acquirers that pay card takings out to a small business. */
export const PAYOUT_PROVIDERS = ['SUMUP PAYOUT', 'STRIPE PAYOUT', 'ADYEN PAYOUT', 'SQUARE PAYOUT'] as const;

/** Merchants that are out of pattern for every synthetic customer: used only for anomalies. */
export const UNUSUAL_MERCHANTS: readonly RecurringProvider[] = [
  p('LUCKY STAR CASINO', '7995'),
  p('GOLDLINE BULLION', '5094'),
  p('QUICKCASH PAWN', '5933'),
  p('GLOBAL WIRE EXPRESS', '4829'),
  p('COINVAULT EXCHANGE', '6051'),
  p('LUXE TIMEPIECES', '5944'),
];

/** Countries none of the customers live in, for out-of-pattern card-not-present spend. */
export const UNUSUAL_COUNTRIES = ['BR', 'NG', 'TH', 'PH', 'AE', 'MX'] as const;
