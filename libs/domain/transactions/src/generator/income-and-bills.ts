import type { Faker } from '@faker-js/faker';
import type { Channel, Direction, TxnType } from '../model/transaction.ts';
import { charmPrice, eurCents, localCents, noteStep, roundLocal } from './amounts.ts';
import type { CountryProfile } from './countries.ts';
import type { EurRange, PersonaProfile } from './personas.ts';
import type { Rng } from './random.ts';
import { BUSINESS_SOFTWARE, MORTGAGE_LENDERS, RECURRING_TEMPLATES, type RecurringProvider } from './recurring-catalogue.ts';
import type { AccountState, RecurringItem } from './simulation-state.ts';
import { HOUR_PROFILES, sampleSecondsOfDay } from './time-of-day.ts';

export interface IncomeAndBillsContext {
  rng: Rng;
  faker: Faker;
  profile: PersonaProfile;
  country: CountryProfile;
  corporate: boolean;
  city: string;
  lastName: string;
  /** The account that receives the income and pays the bills. */
  main: AccountState;
}

export interface IncomeAndBills {
  recurring: RecurringItem[];
  /** Monthly income in EUR cents, before conversion to the account currency. */
  incomeEur: bigint;
  /** Day of month the anchor income arrives. */
  payday: number;
}

function uniformEur(rng: Rng, [min, max]: EurRange): bigint {
  return eurCents(rng.uniform(min, max));
}

/**
 * A customer's fixed monthly movements: the anchor income (salary, pension, allowance or a
 * business retainer), housing, subscriptions, utilities, insurance and account fees, each with
 * one merchant, amount, day and time for good. Also sets `main.reserve` and `main.due` and, if
 * needed, raises the anchor income so it covers a month of bills (ledger.ts says why).
 */
export function setUpIncomeAndBills({ rng, faker, profile, country, corporate, city, lastName, main }: IncomeAndBillsContext): IncomeAndBills {
  const currency = main.currency;
  const recurring: RecurringItem[] = [];
  const merchantsTaken = new Set<string>();
  const addRecurring = (
    spec: { direction: Direction; txn_type: TxnType; merchant: string | null; mcc: string | null; channel: Channel; description: string; amount: bigint; day: number; hours: keyof typeof HOUR_PROFILES },
  ): RecurringItem | null => {
    const key = spec.merchant ?? spec.description;
    if (merchantsTaken.has(key)) return null; // one recurring item per merchant keeps "once a month" exact
    merchantsTaken.add(key);
    const item: RecurringItem = { ...spec, account: main, secondsOfDay: sampleSecondsOfDay(rng, HOUR_PROFILES[spec.hours]), anchor: false };
    recurring.push(item);
    return item;
  };
  const fillProvider = (provider: RecurringProvider): string => provider.merchant.replace('{city}', city).replace('{name}', lastName);

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
      const parent = `${faker.person.firstName()} ${lastName}`;
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
  const bills = recurring.filter((r) => r.direction === 'DEBIT');
  main.reserve = bills.reduce((sum, r) => sum + r.amount, 0n);
  if (anchor) {
    anchor.anchor = true;
    if (anchor.amount * 100n < main.reserve * 115n) {
      const unit = BigInt(step) * 100n;
      anchor.amount = ((main.reserve * 125n) / 100n / unit + 1n) * unit;
    }
    // Until the first anchor income, only the bills that fall before it in the month are due.
    const before = (r: RecurringItem): boolean => r.day < anchor.day || (r.day === anchor.day && r.secondsOfDay < anchor.secondsOfDay);
    main.due = bills.filter(before).reduce((sum, r) => sum + r.amount, 0n);
  } else {
    main.due = main.reserve;
  }


  return { recurring, incomeEur, payday };
}
