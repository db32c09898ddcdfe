import {
  cs_CZ,
  da,
  de,
  de_AT,
  de_CH,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_IE,
  en_US,
  es,
  fi,
  fr,
  hu,
  it,
  nb_NO,
  nl,
  nl_BE,
  pl,
  pt_PT,
  ro,
  sv,
  type LocaleDefinition,
} from '@faker-js/faker';
import type { KnownCurrency } from '../fx/fx-rates.ts';

/** Where a synthetic customer lives: drives names, cities, account currency and clock offset. */
export interface CountryProfile {
  code: string;
  currency: KnownCurrency;
  /** Relative share of customers. */
  weight: number;
  /** Faker locale chain, most specific first (names and cities come from the first that has them). */
  locale: LocaleDefinition[];
  /**
   * Fixed UTC offset in hours used to turn local wall-clock times into UTC. Standard time only:
   * daylight saving is deliberately ignored so one rule holds all year.
   */
  utcOffsetHours: number;
  /** Supermarket chains typical for the country (the rest of the merchants are generated). */
  supermarkets: readonly string[];
  pensionPayer: string;
  hasStates: boolean;
}


export const HOME_COUNTRIES: readonly CountryProfile[] = [
  { code: 'DE', currency: 'EUR', weight: 20, locale: [de, en], utcOffsetHours: 1, supermarkets: ['REWE', 'EDEKA', 'LIDL', 'ALDI SUED', 'KAUFLAND', 'NETTO', 'PENNY'], pensionPayer: 'DEUTSCHE RENTENVERSICHERUNG', hasStates: false },
  { code: 'FR', currency: 'EUR', weight: 11, locale: [fr, en], utcOffsetHours: 1, supermarkets: ['CARREFOUR', 'E.LECLERC', 'AUCHAN', 'INTERMARCHE', 'MONOPRIX', 'LIDL'], pensionPayer: 'CNAV RETRAITE', hasStates: false },
  { code: 'NL', currency: 'EUR', weight: 7, locale: [nl, en], utcOffsetHours: 1, supermarkets: ['ALBERT HEIJN', 'JUMBO', 'LIDL', 'ALDI', 'PLUS'], pensionPayer: 'SVB AOW PENSION', hasStates: false },
  { code: 'ES', currency: 'EUR', weight: 7, locale: [es, en], utcOffsetHours: 1, supermarkets: ['MERCADONA', 'CARREFOUR', 'DIA', 'LIDL', 'EROSKI'], pensionPayer: 'INSS PENSION', hasStates: false },
  { code: 'IT', currency: 'EUR', weight: 7, locale: [it, en], utcOffsetHours: 1, supermarkets: ['ESSELUNGA', 'COOP', 'CONAD', 'LIDL', 'CARREFOUR'], pensionPayer: 'INPS PENSION', hasStates: false },
  { code: 'AT', currency: 'EUR', weight: 3, locale: [de_AT, de, en], utcOffsetHours: 1, supermarkets: ['BILLA', 'SPAR', 'HOFER', 'LIDL', 'PENNY'], pensionPayer: 'PVA PENSION', hasStates: false },
  { code: 'BE', currency: 'EUR', weight: 3, locale: [nl_BE, nl, en], utcOffsetHours: 1, supermarkets: ['DELHAIZE', 'COLRUYT', 'CARREFOUR', 'ALDI', 'LIDL'], pensionPayer: 'SFPD PENSION', hasStates: false },
  { code: 'IE', currency: 'EUR', weight: 3, locale: [en_IE, en], utcOffsetHours: 0, supermarkets: ['TESCO', 'DUNNES STORES', 'SUPERVALU', 'LIDL', 'ALDI'], pensionPayer: 'DSP STATE PENSION', hasStates: false },
  { code: 'FI', currency: 'EUR', weight: 2, locale: [fi, en], utcOffsetHours: 2, supermarkets: ['K-CITYMARKET', 'PRISMA', 'S-MARKET', 'LIDL'], pensionPayer: 'KELA PENSION', hasStates: false },
  { code: 'GB', currency: 'GBP', weight: 11, locale: [en_GB, en], utcOffsetHours: 0, supermarkets: ['TESCO', "SAINSBURY'S", 'ASDA', 'MORRISONS', 'LIDL', 'ALDI'], pensionPayer: 'DWP STATE PENSION', hasStates: false },
  { code: 'SE', currency: 'SEK', weight: 4, locale: [sv, en], utcOffsetHours: 1, supermarkets: ['ICA', 'COOP', 'WILLYS', 'HEMKOP', 'LIDL'], pensionPayer: 'PENSIONSMYNDIGHETEN PENSION', hasStates: false },
  { code: 'CH', currency: 'CHF', weight: 3, locale: [de_CH, de, en], utcOffsetHours: 1, supermarkets: ['MIGROS', 'COOP', 'DENNER', 'ALDI SUISSE', 'LIDL'], pensionPayer: 'AHV PENSION', hasStates: false },
  { code: 'PL', currency: 'PLN', weight: 5, locale: [pl, en], utcOffsetHours: 1, supermarkets: ['BIEDRONKA', 'LIDL', 'ZABKA', 'CARREFOUR', 'AUCHAN'], pensionPayer: 'ZUS PENSION', hasStates: false },
  { code: 'DK', currency: 'DKK', weight: 2, locale: [da, en], utcOffsetHours: 1, supermarkets: ['NETTO', 'FOTEX', 'REMA 1000', 'COOP', 'LIDL'], pensionPayer: 'UDBETALING DANMARK PENSION', hasStates: false },
  { code: 'NO', currency: 'NOK', weight: 2, locale: [nb_NO, en], utcOffsetHours: 1, supermarkets: ['REMA 1000', 'KIWI', 'COOP', 'MENY'], pensionPayer: 'NAV PENSION', hasStates: false },
  { code: 'CZ', currency: 'CZK', weight: 3, locale: [cs_CZ, en], utcOffsetHours: 1, supermarkets: ['ALBERT', 'BILLA', 'KAUFLAND', 'LIDL', 'TESCO'], pensionPayer: 'CSSZ PENSION', hasStates: false },
  { code: 'US', currency: 'USD', weight: 5, locale: [en_US, en], utcOffsetHours: -5, supermarkets: ['KROGER', 'WHOLE FOODS', "TRADER JOE'S", 'SAFEWAY', 'PUBLIX'], pensionPayer: 'SSA SOCIAL SECURITY PENSION', hasStates: true },
];

/** A place customers travel to; card spend there is in the local currency. */
export interface TravelDestination {
  city: string;
  country: string;
  currency: KnownCurrency;
  locale: LocaleDefinition[];
}

export const TRAVEL_DESTINATIONS: readonly TravelDestination[] = [
  { city: 'London', country: 'GB', currency: 'GBP', locale: [en_GB, en] },
  { city: 'Paris', country: 'FR', currency: 'EUR', locale: [fr, en] },
  { city: 'Barcelona', country: 'ES', currency: 'EUR', locale: [es, en] },
  { city: 'Rome', country: 'IT', currency: 'EUR', locale: [it, en] },
  { city: 'Amsterdam', country: 'NL', currency: 'EUR', locale: [nl, en] },
  { city: 'Vienna', country: 'AT', currency: 'EUR', locale: [de_AT, de, en] },
  { city: 'Lisbon', country: 'PT', currency: 'EUR', locale: [pt_PT, en] },
  { city: 'Prague', country: 'CZ', currency: 'CZK', locale: [cs_CZ, en] },
  { city: 'Budapest', country: 'HU', currency: 'HUF', locale: [hu, en] },
  { city: 'Bucharest', country: 'RO', currency: 'RON', locale: [ro, en] },
  { city: 'Copenhagen', country: 'DK', currency: 'DKK', locale: [da, en] },
  { city: 'Stockholm', country: 'SE', currency: 'SEK', locale: [sv, en] },
  { city: 'Oslo', country: 'NO', currency: 'NOK', locale: [nb_NO, en] },
  { city: 'Zurich', country: 'CH', currency: 'CHF', locale: [de_CH, de, en] },
  { city: 'Krakow', country: 'PL', currency: 'PLN', locale: [pl, en] },
  { city: 'New York', country: 'US', currency: 'USD', locale: [en_US, en] },
  { city: 'Toronto', country: 'CA', currency: 'CAD', locale: [en_CA, en] },
  { city: 'Sydney', country: 'AU', currency: 'AUD', locale: [en_AU, en] },
  { city: 'Tokyo', country: 'JP', currency: 'JPY', locale: [en] },
  { city: 'Singapore', country: 'SG', currency: 'SGD', locale: [en] },
];

/** Currencies whose cash and card amounts are whole units in practice (no minor unit in use). */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['JPY', 'HUF']);
