import { base, Faker, type LocaleDefinition, type Randomizer } from '@faker-js/faker';
import { HOME_COUNTRIES, TRAVEL_DESTINATIONS } from './countries.ts';
import { SPEND_KINDS, type SpendKindKey } from './spend-kinds.ts';

export interface Merchant {
  /** May still hold `{city}`, filled with the customer's city when the customer is created. */
  name: string;
  mcc: string;
}

/** Generated local merchants per spend kind and country, on top of the known brands. */
const LOCAL_MERCHANTS_PER_KIND = 8;

/**
 * Faker instances per country (names and cities in that country's locale) that all draw from the
 * simulation's one seeded randomizer, never from the global `faker`, so concurrent generators
 * cannot disturb each other's sequences.
 */
export class LocalFakers {
  private readonly byCountry = new Map<string, Faker>();

  constructor(private readonly randomizer: Randomizer) {}

  for(country: string, locale: readonly LocaleDefinition[]): Faker {
    let faker = this.byCountry.get(country);
    if (!faker) {
      faker = new Faker({ locale: [...locale, base], randomizer: this.randomizer });
      this.byCountry.set(country, faker);
    }
    return faker;
  }
}

function fill(pattern: string, faker: Faker, city: string | null): string {
  const named = pattern.replace('{name}', () => faker.person.lastName());
  return city === null ? named : named.replace('{city}', city);
}

/**
 * Merchant pools per (country, spend kind), built once per simulation so that the per-transaction
 * path never calls Faker: brands plus a few generated local names in the country's locale.
 * Destination pools (trips abroad) have `{city}` filled with the destination city.
 */
export class MerchantPools {
  private readonly pools = new Map<string, Map<SpendKindKey, Merchant[]>>();

  constructor(fakers: LocalFakers) {
    for (const country of HOME_COUNTRIES) {
      this.pools.set(country.code, this.build(fakers.for(country.code, country.locale), country.supermarkets, null));
    }
    for (const destination of TRAVEL_DESTINATIONS) {
      const home = HOME_COUNTRIES.find((c) => c.code === destination.country);
      const faker = fakers.for(destination.country, destination.locale);
      this.pools.set(`trip:${destination.city}`, this.build(faker, home?.supermarkets ?? [], destination.city));
    }
  }

  home(country: string, kind: SpendKindKey): readonly Merchant[] {
    return this.get(country, kind);
  }

  destination(city: string, kind: SpendKindKey): readonly Merchant[] {
    return this.get(`trip:${city}`, kind);
  }

  private get(key: string, kind: SpendKindKey): readonly Merchant[] {
    const pool = this.pools.get(key)?.get(kind);
    if (!pool || pool.length === 0) throw new RangeError(`no merchant pool for ${key}/${kind}`);
    return pool;
  }

  private build(faker: Faker, supermarkets: readonly string[], city: string | null): Map<SpendKindKey, Merchant[]> {
    const byKind = new Map<SpendKindKey, Merchant[]>();
    for (const [key, kind] of Object.entries(SPEND_KINDS) as Array<[SpendKindKey, (typeof SPEND_KINDS)[SpendKindKey]]>) {
      const merchants: Merchant[] = kind.brands.map((brand) => ({ ...brand }));
      if (key === 'supermarket') merchants.push(...supermarkets.map((name) => ({ name, mcc: '5411' })));
      if (kind.localPatterns.length > 0) {
        for (let i = 0; i < LOCAL_MERCHANTS_PER_KIND; i++) {
          const pattern = kind.localPatterns[i % kind.localPatterns.length] as string;
          const mcc = kind.localMccs[i % kind.localMccs.length] as string;
          const name = fill(pattern, faker, city);
          if (!merchants.some((m) => m.name === name)) merchants.push({ name, mcc });
        }
      }
      byKind.set(key, merchants);
    }
    return byKind;
  }
}
