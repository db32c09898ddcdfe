import type { Persona } from '../model/customer.ts';
import type { SpendKindKey } from './spend-kinds.ts';

/** Inclusive range of a value in EUR (converted to the customer's currency when used). */
export type EurRange = readonly [min: number, max: number];

/** The recurring monthly items a persona may hold, with the chance of holding each. */
export interface RecurringChances {
  streaming: number;
  music: number;
  software: number;
  news: number;
  prime: number;
  gym: number;
  phone: number;
  internet: number;
  electricity: number;
  insurance: number;
  childcare: number;
  benefits: number;
}

/**
 * How a persona earns and spends. Amounts are monthly EUR; spend counts are mean card purchases
 * per month for each spend kind (Poisson-distributed per customer-month, scaled per customer).
 */
export interface PersonaProfile {
  income: EurRange;
  incomeKind: 'salary' | 'pension' | 'allowance' | 'business';
  housing: { rent: number; mortgage: number; share: EurRange };
  spend: Partial<Record<SpendKindKey, number>>;
  recurring: RecurringChances;
  atmPerMonth: number;
  savingsChance: number;
  creditCardChance: number;
  creditLimit: EurRange;
  /** Chance per month of a trip abroad (card spend in the local currency). */
  tripChance: number;
  /** Share of card-eligible spend charged to the credit card when the customer has one. */
  cardShare: number;
  /** Share of income swept to savings after payday (when there is a savings account). */
  savingsRate: EurRange;
}

const NONE: RecurringChances = { streaming: 0, music: 0, software: 0, news: 0, prime: 0, gym: 0, phone: 0, internet: 0, electricity: 0, insurance: 0, childcare: 0, benefits: 0 };

export const PERSONA_PROFILES: Record<Persona, PersonaProfile> = {
  student: {
    income: [750, 1250],
    incomeKind: 'allowance',
    housing: { rent: 0.85, mortgage: 0, share: [0.3, 0.45] },
    spend: { supermarket: 6, bakery: 2, convenience: 3, restaurant: 1.5, fastFood: 4, cafe: 4, bar: 3, delivery: 2, publicTransport: 5, rideshare: 0.6, clothing: 0.8, electronics: 0.2, online: 2, general: 0.8, books: 0.5, pharmacy: 1, personalCare: 0.3, cinema: 0.6, events: 0.2, games: 0.5, rail: 0.4, courses: 0.15 },
    recurring: { ...NONE, streaming: 0.6, music: 0.7, software: 0.2, phone: 0.95, gym: 0.3, insurance: 0.2 },
    atmPerMonth: 1.2,
    savingsChance: 0.3,
    creditCardChance: 0.15,
    creditLimit: [500, 1500],
    tripChance: 0.05,
    cardShare: 0.3,
    savingsRate: [0.02, 0.06],
  },
  young_professional: {
    income: [2100, 3600],
    incomeKind: 'salary',
    housing: { rent: 0.9, mortgage: 0.05, share: [0.25, 0.38] },
    spend: { supermarket: 6, bakery: 2, convenience: 2, restaurant: 4, fastFood: 3, cafe: 5, bar: 2.5, delivery: 2.5, publicTransport: 6, rideshare: 1.5, fuel: 0.6, parking: 0.4, clothing: 1.3, electronics: 0.3, home: 0.4, online: 2.5, general: 0.8, books: 0.3, sports: 0.3, pharmacy: 1.4, doctor: 0.2, personalCare: 0.6, cinema: 0.6, events: 0.3, games: 0.3, airline: 0.15, hotel: 0.1, rail: 0.4, courses: 0.1, charity: 0.1 },
    recurring: { ...NONE, streaming: 0.8, music: 0.7, software: 0.4, news: 0.2, prime: 0.4, gym: 0.5, phone: 1, internet: 0.8, electricity: 0.85, insurance: 0.6 },
    atmPerMonth: 1,
    savingsChance: 0.6,
    creditCardChance: 0.45,
    creditLimit: [1500, 5000],
    tripChance: 0.12,
    cardShare: 0.35,
    savingsRate: [0.05, 0.15],
  },
  family: {
    income: [3300, 5600],
    incomeKind: 'salary',
    housing: { rent: 0.45, mortgage: 0.5, share: [0.22, 0.34] },
    spend: { supermarket: 11, bakery: 3, convenience: 1.5, restaurant: 2.5, fastFood: 2, cafe: 1.5, bar: 0.3, delivery: 1.5, publicTransport: 2, rideshare: 0.3, fuel: 2.5, parking: 1, clothing: 2, electronics: 0.3, home: 1, online: 3, general: 1.5, books: 0.5, sports: 0.5, pharmacy: 2.5, doctor: 0.4, personalCare: 0.5, cinema: 0.4, events: 0.4, games: 0.3, airline: 0.1, hotel: 0.1, rail: 0.2, charity: 0.15 },
    recurring: { ...NONE, streaming: 0.85, music: 0.5, software: 0.3, news: 0.3, prime: 0.5, gym: 0.3, phone: 1, internet: 0.95, electricity: 1, insurance: 0.95, childcare: 0.6, benefits: 0.8 },
    atmPerMonth: 1.5,
    savingsChance: 0.75,
    creditCardChance: 0.55,
    creditLimit: [2500, 8000],
    tripChance: 0.08,
    cardShare: 0.3,
    savingsRate: [0.04, 0.1],
  },
  retiree: {
    income: [1300, 2600],
    incomeKind: 'pension',
    housing: { rent: 0.35, mortgage: 0.05, share: [0.2, 0.35] },
    spend: { supermarket: 9, bakery: 4, convenience: 1, restaurant: 2, fastFood: 0.3, cafe: 2.5, publicTransport: 2, rideshare: 0.3, fuel: 1, parking: 0.5, clothing: 0.6, home: 0.5, online: 0.8, general: 1, books: 0.8, pharmacy: 3, doctor: 0.6, personalCare: 0.6, cinema: 0.3, events: 0.3, rail: 0.3, charity: 0.4 },
    recurring: { ...NONE, streaming: 0.3, news: 0.5, phone: 0.9, internet: 0.7, electricity: 0.95, insurance: 0.9 },
    atmPerMonth: 2.5,
    savingsChance: 0.7,
    creditCardChance: 0.3,
    creditLimit: [1000, 4000],
    tripChance: 0.07,
    cardShare: 0.25,
    savingsRate: [0.02, 0.08],
  },
  high_earner: {
    income: [6500, 13000],
    incomeKind: 'salary',
    housing: { rent: 0.35, mortgage: 0.6, share: [0.18, 0.3] },
    spend: { supermarket: 7, bakery: 2, convenience: 1, restaurant: 6, fastFood: 1, cafe: 5, bar: 2, delivery: 3, publicTransport: 2, rideshare: 3, fuel: 1.2, parking: 1.2, clothing: 2, electronics: 0.5, home: 0.8, online: 3.5, general: 0.8, books: 0.5, sports: 0.5, pharmacy: 1.5, doctor: 0.4, personalCare: 1, cinema: 0.5, events: 0.6, games: 0.2, airline: 0.35, hotel: 0.3, rail: 0.6, courses: 0.15, charity: 0.3 },
    recurring: { ...NONE, streaming: 0.9, music: 0.8, software: 0.6, news: 0.6, prime: 0.6, gym: 0.7, phone: 1, internet: 0.95, electricity: 0.95, insurance: 0.95, childcare: 0.25, benefits: 0.2 },
    atmPerMonth: 0.6,
    savingsChance: 0.9,
    creditCardChance: 0.85,
    creditLimit: [5000, 20000],
    tripChance: 0.2,
    cardShare: 0.55,
    savingsRate: [0.1, 0.25],
  },
  small_business: {
    income: [9000, 30000],
    incomeKind: 'business',
    housing: { rent: 0.9, mortgage: 0.1, share: [0.08, 0.15] },
    spend: { supermarket: 1, cafe: 3, restaurant: 3, fuel: 3, parking: 2, rideshare: 1, officeSupplies: 3, businessServices: 1.5, courier: 3, computing: 0.4, online: 2, airline: 0.3, hotel: 0.3, rail: 0.5 },
    recurring: { ...NONE, software: 1, phone: 1, internet: 1, electricity: 0.9, insurance: 1 },
    atmPerMonth: 0.3,
    savingsChance: 0,
    creditCardChance: 0.5,
    creditLimit: [3000, 15000],
    tripChance: 0.05,
    cardShare: 0.5,
    savingsRate: [0, 0],
  },
};

/** Shares of personal personas (corporate customers are always `small_business`). */
export const PERSONAL_PERSONA_WEIGHTS: ReadonlyArray<readonly [Persona, number]> = [
  ['student', 18],
  ['young_professional', 28],
  ['family', 26],
  ['retiree', 16],
  ['high_earner', 12],
];

/** Share of customers that are corporate (small businesses). */
export const CORPORATE_SHARE = 0.1;
