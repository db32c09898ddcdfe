import type { Account, AccountType, Persona } from '../model/customer.ts';
import { eurCents, localCents, noteStep, roundLocal } from './amounts.ts';
import { HOME_COUNTRIES, type CountryProfile } from './countries.ts';
import { setUpIncomeAndBills } from './income-and-bills.ts';
import type { LocalFakers, Merchant, MerchantPools } from './merchant-pools.ts';
import { CORPORATE_SHARE, PERSONA_PROFILES, PERSONAL_PERSONA_WEIGHTS, type EurRange } from './personas.ts';
import type { Rng } from './random.ts';
import type { AccountState, CustomerState } from './simulation-state.ts';
import type { SpendKindKey } from './spend-kinds.ts';

const DAY_MS = 86_400_000;
const COUNTRY_WEIGHTS = HOME_COUNTRIES.map((c) => c.weight);
const PERSONA_WEIGHTS = PERSONAL_PERSONA_WEIGHTS.map(([, w]) => w);

/** How many favourite merchants a customer keeps per spend kind. */
const FAVOURITES: Partial<Record<SpendKindKey, readonly [number, number]>> = {
  supermarket: [2, 3],
  restaurant: [4, 7],
  cafe: [2, 4],
  fastFood: [2, 4],
  bar: [2, 4],
  online: [2, 4],
};

export interface CustomerFactoryContext {
  rng: Rng;
  fakers: LocalFakers;
  pools: MerchantPools;
  /** Epoch ms of the first simulated month (UTC). */
  startMs: number;
}

function padId(index: number): string {
  return String(index).padStart(6, '0');
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function uniformEur(rng: Rng, [min, max]: EurRange): bigint {
  return eurCents(rng.uniform(min, max));
}

function withCity(name: string, city: string): string {
  return name.replace('{city}', city);
}

/** Creates one synthetic customer with accounts, recurring items, favourites and opening balances. */
export function createCustomer(index: number, ctx: CustomerFactoryContext): CustomerState {
  const { rng } = ctx;
  const corporate = rng.chance(CORPORATE_SHARE);
  const persona: Persona = corporate ? 'small_business' : (PERSONAL_PERSONA_WEIGHTS[rng.weightedIndex(PERSONA_WEIGHTS)]?.[0] ?? 'young_professional');
  const profile = PERSONA_PROFILES[persona];
  const country = HOME_COUNTRIES[rng.weightedIndex(COUNTRY_WEIGHTS)] as CountryProfile;
  const faker = ctx.fakers.for(country.code, country.locale);
  const currency = country.currency;

  let name: string;
  let email: string | null;
  let personLastName: string;
  if (corporate) {
    name = faker.company.name();
    personLastName = faker.person.lastName();
    email = `accounts@${slug(name) || 'company'}.example.com`;
  } else {
    const firstName = faker.person.firstName();
    personLastName = faker.person.lastName();
    name = `${firstName} ${personLastName}`;
    email = rng.chance(0.95) ? faker.internet.email({ firstName, lastName: personLastName, provider: 'example.com' }).toLowerCase() : null;
  }
  const city = faker.location.city();
  const state = country.hasStates ? faker.location.state({ abbreviated: true }) : null;
  const createdMs = ctx.startMs - rng.int(60, 3650) * DAY_MS - rng.int(0, 86_399) * 1000;
  const customerId = `C-${padId(index)}`;
  const customer = {
    customer_id: customerId,
    kind: corporate ? ('CORPORATE' as const) : ('PERSONAL' as const),
    persona,
    name,
    email,
    city,
    state,
    country: country.code,
    created_at: iso(createdMs),
    updated_at: iso(createdMs),
  };

  // --- accounts -------------------------------------------------------------------------------
  const accounts: AccountState[] = [];
  const openAccount = (type: AccountType, openedMs: number): AccountState => {
    const account: Account = {
      account_id: `A-${padId(index)}-${accounts.length + 1}`,
      customer_id: customerId,
      account_type: type,
      currency,
      balance: '0.00',
      status: 'ACTIVE',
      opened_at: iso(openedMs),
      updated_at: iso(openedMs),
    };
    const state: AccountState = { account, currency, balance: 0n, reserve: 0n, due: 0n, limit: null, chargesFxFee: false, lastActivity: openedMs };
    accounts.push(state);
    return state;
  };
  const openedLater = (): number => createdMs + Math.floor(rng.next() * ((ctx.startMs - createdMs - DAY_MS) / 1000)) * 1000;

  const checking = openAccount('CHECKING', createdMs);
  const business = corporate ? openAccount('BUSINESS', createdMs) : null;
  const savings = !corporate && rng.chance(profile.savingsChance) ? openAccount('SAVINGS', openedLater()) : null;
  const card = rng.chance(profile.creditCardChance) ? openAccount('CREDIT_CARD', openedLater()) : null;
  const main = business ?? checking;
  for (const account of [checking, card]) if (account) account.chargesFxFee = rng.chance(0.5);

  // --- income and recurring bills on the main account -------------------------------------
  const { recurring, incomeEur, payday } = setUpIncomeAndBills({ rng, faker, profile, country, corporate, city, lastName: personLastName, main });
  const step = noteStep(currency);

  // --- opening balances -----------------------------------------------------------------------
  const incomeLocal = localCents(incomeEur, currency);
  const fraction = (min: number, max: number): bigint => BigInt(Math.round(rng.uniform(min, max) * 1000));
  main.balance = main.reserve + (incomeLocal * fraction(0.3, 2)) / 1000n;
  if (business) checking.balance = (incomeLocal * fraction(0.02, 0.1)) / 1000n;
  if (savings) savings.balance = (incomeLocal * fraction(0.2, 8)) / 1000n;
  if (card) {
    card.limit = roundLocal(uniformEur(rng, profile.creditLimit), currency, step * 10);
    card.balance = card.limit; // a card's balance is its available credit, so it starts at the limit
  }

  // --- favourites ----------------------------------------------------------------------------
  const favourites = new Map<SpendKindKey, Merchant[]>();
  for (const kind of Object.keys(profile.spend) as SpendKindKey[]) {
    const pool = ctx.pools.home(country.code, kind);
    const [min, max] = FAVOURITES[kind] ?? [1, 3];
    favourites.set(kind, rng.sample(pool, rng.int(min, max)).map((m) => ({ name: withCity(m.name, city), mcc: m.mcc })));
  }

  return {
    customer,
    persona,
    profile,
    country,
    main,
    everyday: checking,
    savings,
    card,
    accounts,
    recurring,
    favourites,
    activity: rng.uniform(0.75, 1.25),
    spendLevel: rng.uniform(0.85, 1.2),
    incomeEur,
    payday,
    savingsRate: rng.uniform(...profile.savingsRate),
    cardPayoffDay: rng.int(18, 22),
    carried: [],
  };
}
