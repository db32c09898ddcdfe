import type { Account, AccountType, Persona } from '../model/customer.ts';
import type { Direction, TxnType, Channel } from '../model/transaction.ts';
import { HOME_COUNTRIES, type CountryProfile } from './countries.ts';
import { charmPrice, eurCents, localCents, noteStep, roundLocal } from './amounts.ts';
import type { LocalFakers, Merchant, MerchantPools } from './merchant-pools.ts';
import { CORPORATE_SHARE, PERSONA_PROFILES, PERSONAL_PERSONA_WEIGHTS, type EurRange } from './personas.ts';
import type { Rng } from './random.ts';
import { BUSINESS_SOFTWARE, MORTGAGE_LENDERS, RECURRING_TEMPLATES, type RecurringProvider } from './recurring-catalogue.ts';
import type { AccountState, CustomerState, RecurringItem } from './simulation-state.ts';
import type { SpendKindKey } from './spend-kinds.ts';
import { HOUR_PROFILES, sampleSecondsOfDay } from './time-of-day.ts';

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
    const state: AccountState = { account, currency, balance: 0n, reserve: 0n, limit: null, chargesFxFee: false, lastActivity: openedMs };
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

  // --- recurring items on the main account ----------------------------------------------------
  const recurring: RecurringItem[] = [];
  const merchantsTaken = new Set<string>();
  const addRecurring = (
    spec: { direction: Direction; txn_type: TxnType; merchant: string | null; mcc: string | null; channel: Channel; description: string; amount: bigint; day: number; hours: keyof typeof HOUR_PROFILES },
    account: AccountState = main,
  ): RecurringItem | null => {
    const key = spec.merchant ?? spec.description;
    if (merchantsTaken.has(key)) return null; // one recurring item per merchant keeps "once a month" exact
    merchantsTaken.add(key);
    const item: RecurringItem = { ...spec, account, secondsOfDay: sampleSecondsOfDay(rng, HOUR_PROFILES[spec.hours]) };
    recurring.push(item);
    return item;
  };
  const fillProvider = (provider: RecurringProvider): string => withCity(provider.merchant, city).replace('{name}', personLastName);

  const incomeEur = uniformEur(rng, profile.income);
  const step = noteStep(currency);
  let payday = rng.int(24, 28);
  let anchor: RecurringItem | null;
  switch (profile.incomeKind) {
    case 'salary':
      anchor = addRecurring({ direction: 'CREDIT', txn_type: 'SALARY', merchant: faker.company.name(), mcc: null, channel: 'BANK_TRANSFER', description: 'Salary', amount: roundLocal(incomeEur, currency, step), day: payday, hours: 'payroll' });
      break;
    case 'pension':
      payday = rng.int(1, 3);
      anchor = addRecurring({ direction: 'CREDIT', txn_type: 'SALARY', merchant: country.pensionPayer, mcc: null, channel: 'BANK_TRANSFER', description: 'Pension', amount: roundLocal(incomeEur, currency, step), day: payday, hours: 'payroll' });
      break;
    case 'allowance': {
      payday = 1;
      const parent = `${faker.person.firstName()} ${personLastName}`;
      anchor = addRecurring({ direction: 'CREDIT', txn_type: 'DEPOSIT', merchant: parent, mcc: null, channel: 'BANK_TRANSFER', description: 'Monthly allowance', amount: roundLocal((incomeEur * 6n) / 10n, currency, step), day: payday, hours: 'payroll' });
      if (rng.chance(0.45)) {
        addRecurring({ direction: 'CREDIT', txn_type: 'SALARY', merchant: faker.company.name(), mcc: null, channel: 'BANK_TRANSFER', description: 'Part-time salary', amount: roundLocal((incomeEur * 4n) / 10n, currency, step), day: rng.int(25, 28), hours: 'payroll' });
      }
      break;
    }
    case 'business':
      payday = rng.int(5, 10);
      anchor = addRecurring({ direction: 'CREDIT', txn_type: 'DEPOSIT', merchant: faker.company.name(), mcc: null, channel: 'BANK_TRANSFER', description: 'Retainer invoice', amount: roundLocal((incomeEur * 4n) / 10n, currency, step), day: payday, hours: 'payroll' });
      break;
  }

  const housingRoll = rng.next();
  const housingAmount = (): bigint => roundLocal(eurCents(Number(incomeEur) / 100 * rng.uniform(...profile.housing.share)), currency, step);
  if (housingRoll < profile.housing.rent) {
    const landlord = corporate ? `${faker.person.lastName()} Commercial Property Management` : `${faker.person.lastName()} Property Management`;
    addRecurring({ direction: 'DEBIT', txn_type: 'PAYMENT', merchant: landlord, mcc: '6513', channel: 'BANK_TRANSFER', description: corporate ? 'Office rent' : 'Rent', amount: housingAmount(), day: rng.int(1, 3), hours: 'bills' });
  } else if (housingRoll < profile.housing.rent + profile.housing.mortgage) {
    addRecurring({ direction: 'DEBIT', txn_type: 'PAYMENT', merchant: `${rng.pick(MORTGAGE_LENDERS)} MORTGAGE`, mcc: null, channel: 'DIRECT_DEBIT', description: 'Mortgage instalment', amount: housingAmount(), day: 1, hours: 'bills' });
  }

  for (const template of RECURRING_TEMPLATES) {
    if (!rng.chance(profile.recurring[template.key])) continue;
    if (corporate && template.key === 'software') continue; // businesses get business software below
    const provider = rng.pick(template.providers);
    const amount = template.tiersEur ? charmPrice(eurCents(rng.pick(template.tiersEur)), currency) : roundLocal(uniformEur(rng, template.rangeEur ?? [10, 50]), currency, 1);
    addRecurring({ direction: 'DEBIT', txn_type: template.txn_type, merchant: fillProvider(provider), mcc: provider.mcc, channel: template.channel, description: template.description, amount, day: rng.int(...template.days), hours: template.hours });
  }
  if (corporate) {
    for (const provider of rng.sample(BUSINESS_SOFTWARE, rng.int(1, 3))) {
      addRecurring({ direction: 'DEBIT', txn_type: 'PURCHASE', merchant: provider.merchant, mcc: provider.mcc, channel: 'ONLINE', description: 'Software subscription', amount: charmPrice(eurCents(rng.pick([12, 25, 49, 99])), currency), day: rng.int(1, 28), hours: 'bills' });
    }
    addRecurring({ direction: 'DEBIT', txn_type: 'PAYMENT', merchant: `${faker.person.lastName()} Accounting`, mcc: '8931', channel: 'BANK_TRANSFER', description: 'Bookkeeping retainer', amount: roundLocal(uniformEur(rng, [150, 600]), currency, step), day: rng.int(10, 20), hours: 'bills' });
  }
  if (profile.recurring.benefits > 0 && rng.chance(profile.recurring.benefits)) {
    const payer = country.code === 'DE' ? 'KINDERGELD FAMILIENKASSE' : 'CHILD BENEFIT';
    addRecurring({ direction: 'CREDIT', txn_type: 'DEPOSIT', merchant: payer, mcc: null, channel: 'BANK_TRANSFER', description: 'Child benefit', amount: localCents(eurCents(250 * rng.int(1, 3)), currency), day: rng.int(8, 18), hours: 'payroll' });
  }
  if (corporate || rng.chance(0.35)) {
    const fee = rng.pick(corporate ? [9.9, 14.9, 19.9] : [2.9, 4.9, 6.9, 9.9]);
    addRecurring({ direction: 'DEBIT', txn_type: 'FEE', merchant: null, mcc: null, channel: 'DIRECT_DEBIT', description: 'Account maintenance fee', amount: localCents(eurCents(fee), currency), day: 28, hours: 'bills' });
  }

  // The anchor income must cover a month of recurring debits (the ledger's invariant relies on it).
  main.reserve = recurring.filter((r) => r.direction === 'DEBIT' && r.account === main).reduce((sum, r) => sum + r.amount, 0n);
  if (anchor && anchor.amount * 100n < main.reserve * 115n) {
    const unit = BigInt(step) * 100n;
    anchor.amount = ((main.reserve * 125n) / 100n / unit + 1n) * unit;
  }

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
