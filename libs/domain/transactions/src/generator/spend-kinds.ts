import type { HourProfileName, WeekdayProfileName } from './time-of-day.ts';

/** A known merchant brand and the MCC its acquirer files it under. */
export interface Brand {
  name: string;
  mcc: string;
}

/**
 * One kind of discretionary spending: where it happens (merchants, MCC), how much (log-normal in
 * EUR, converted to the spending currency) and when (hour and weekday profiles).
 */
export interface SpendKind {
  key: string;
  /** Known brands; the merchant pool mixes them with generated local names. */
  brands: readonly Brand[];
  /** Name patterns for generated local merchants (`{name}` = a surname); none = brands only. */
  localPatterns: readonly string[];
  /** MCCs for generated local merchants. */
  localMccs: readonly string[];
  medianEur: number;
  sigma: number;
  minEur: number;
  maxEur: number;
  hours: HourProfileName;
  weekdays: WeekdayProfileName;
  /** Bought online or in an app: no merchant city, ONLINE/MOBILE channel. */
  online: boolean;
  /** Happens in person, so it moves abroad with the customer on a trip. */
  travels: boolean;
  /** Probability that a purchase is later (partly) refunded. */
  refundRate: number;
}

const b = (name: string, mcc: string): Brand => ({ name, mcc });

function kind(key: string, spec: Omit<SpendKind, 'key' | 'brands' | 'localPatterns' | 'localMccs' | 'refundRate' | 'online' | 'travels'> & Partial<SpendKind>): SpendKind {
  return { key, brands: [], localPatterns: [], localMccs: [], refundRate: 0, online: false, travels: false, ...spec };
}

export const SPEND_KINDS = {
  supermarket: kind('supermarket', { localPatterns: ['{name} Markt', '{name} Fresh Market', 'Mini Market {name}'], localMccs: ['5411'], medianEur: 38, sigma: 0.6, minEur: 2.5, maxEur: 260, hours: 'groceries', weekdays: 'groceries', travels: true }),
  bakery: kind('bakery', { localPatterns: ['{name} Bakery', 'Boulangerie {name}', 'Backhaus {name}'], localMccs: ['5462'], medianEur: 6, sigma: 0.5, minEur: 1.2, maxEur: 35, hours: 'morning', weekdays: 'groceries', travels: true }),
  convenience: kind('convenience', { localPatterns: ['{name} Corner Shop', 'Kiosk {name}', '{name} Late Shop'], localMccs: ['5499', '5921'], medianEur: 9, sigma: 0.6, minEur: 1, maxEur: 60, hours: 'groceries', weekdays: 'even', travels: true }),
  restaurant: kind('restaurant', { localPatterns: ['Trattoria {name}', 'Bistro {name}', 'Brasserie {name}', 'Taverna {name}', '{name} Grill', '{name} Kitchen', 'Osteria {name}', 'Sushi {name}'], localMccs: ['5812'], medianEur: 32, sigma: 0.55, minEur: 8, maxEur: 220, hours: 'meals', weekdays: 'dining', travels: true }),
  fastFood: kind('fastFood', { brands: [b("MCDONALD'S", '5814'), b('BURGER KING', '5814'), b('KFC', '5814'), b('SUBWAY', '5814'), b('FIVE GUYS', '5814')], localPatterns: ['{name} Kebab', '{name} Pizza', '{name} Burger'], localMccs: ['5814'], medianEur: 11, sigma: 0.45, minEur: 3, maxEur: 45, hours: 'fastFood', weekdays: 'dining', travels: true }),
  cafe: kind('cafe', { brands: [b('STARBUCKS', '5814'), b('COSTA COFFEE', '5814'), b('PRET A MANGER', '5814')], localPatterns: ['Cafe {name}', '{name} Coffee Roasters', 'Espresso Bar {name}'], localMccs: ['5814', '5812'], medianEur: 5, sigma: 0.45, minEur: 1.8, maxEur: 28, hours: 'cafe', weekdays: 'even', travels: true }),
  bar: kind('bar', { localPatterns: ['The {name} Arms', '{name} Bar', 'Club {name}', '{name} Pub'], localMccs: ['5813'], medianEur: 24, sigma: 0.6, minEur: 4, maxEur: 160, hours: 'nightlife', weekdays: 'nightlife', travels: true }),
  delivery: kind('delivery', { brands: [b('UBER EATS', '5812'), b('DELIVEROO', '5812'), b('LIEFERANDO', '5814'), b('WOLT', '5812'), b('JUST EAT', '5814')], medianEur: 27, sigma: 0.35, minEur: 9, maxEur: 90, hours: 'delivery', weekdays: 'dining', online: true }),
  publicTransport: kind('publicTransport', { localPatterns: ['{city} Transit', '{city} Metro'], localMccs: ['4111', '4131'], medianEur: 3.2, sigma: 0.5, minEur: 1.2, maxEur: 30, hours: 'commute', weekdays: 'workdays', travels: true }),
  rideshare: kind('rideshare', { brands: [b('UBER', '4121'), b('BOLT', '4121'), b('FREE NOW', '4121')], localPatterns: ['{name} Taxi'], localMccs: ['4121'], medianEur: 16, sigma: 0.5, minEur: 5, maxEur: 95, hours: 'rides', weekdays: 'nightlife', travels: true }),
  fuel: kind('fuel', { brands: [b('SHELL', '5541'), b('ARAL', '5541'), b('ESSO', '5541'), b('TOTALENERGIES', '5541'), b('BP', '5541'), b('CIRCLE K', '5542')], localPatterns: ['{name} Tankstelle'], localMccs: ['5541'], medianEur: 62, sigma: 0.3, minEur: 15, maxEur: 140, hours: 'daytime', weekdays: 'even' }),
  parking: kind('parking', { localPatterns: ['{city} Parking', 'Parkhaus {name}'], localMccs: ['7523'], medianEur: 6, sigma: 0.6, minEur: 1, maxEur: 40, hours: 'daytime', weekdays: 'even', travels: true }),
  clothing: kind('clothing', { brands: [b('H&M', '5651'), b('ZARA', '5691'), b('PRIMARK', '5651'), b('UNIQLO', '5651'), b('C&A', '5651'), b('DEICHMANN', '5661')], localPatterns: ['{name} Boutique', '{name} Shoes'], localMccs: ['5691', '5661', '5621'], medianEur: 55, sigma: 0.6, minEur: 8, maxEur: 400, hours: 'daytime', weekdays: 'shops', travels: true, refundRate: 0.06 }),
  electronics: kind('electronics', { brands: [b('MEDIAMARKT', '5732'), b('SATURN', '5732'), b('FNAC', '5732'), b('CURRYS', '5732'), b('APPLE STORE', '5732')], localPatterns: ['{name} Electronics'], localMccs: ['5732', '5734'], medianEur: 110, sigma: 0.85, minEur: 9, maxEur: 1800, hours: 'daytime', weekdays: 'shops', refundRate: 0.05 }),
  home: kind('home', { brands: [b('IKEA', '5712'), b('HORNBACH', '5200'), b('OBI', '5200'), b('BAUHAUS', '5200'), b('LEROY MERLIN', '5200')], localPatterns: ['{name} Hardware', '{name} Home & Living'], localMccs: ['5251', '5719'], medianEur: 65, sigma: 0.75, minEur: 5, maxEur: 900, hours: 'daytime', weekdays: 'shops', refundRate: 0.05 }),
  online: kind('online', { brands: [b('AMAZON', '5942'), b('AMZN MKTP', '5969'), b('ZALANDO', '5691'), b('EBAY', '5999'), b('ETSY', '5999'), b('ALIEXPRESS', '5964')], medianEur: 35, sigma: 0.75, minEur: 3, maxEur: 600, hours: 'online', weekdays: 'even', online: true, refundRate: 0.07 }),
  general: kind('general', { brands: [b('TK MAXX', '5311'), b('PRIMARK', '5651'), b('TIGER', '5331'), b('ACTION', '5310')], localPatterns: ['{name} Department Store', '{name} Variety'], localMccs: ['5311', '5310', '5999'], medianEur: 24, sigma: 0.7, minEur: 2, maxEur: 250, hours: 'daytime', weekdays: 'shops', travels: true, refundRate: 0.03 }),
  books: kind('books', { brands: [b('THALIA', '5942'), b('WATERSTONES', '5942')], localPatterns: ['{name} Books'], localMccs: ['5942', '5994'], medianEur: 18, sigma: 0.5, minEur: 3, maxEur: 90, hours: 'daytime', weekdays: 'shops', travels: true }),
  sports: kind('sports', { brands: [b('DECATHLON', '5941'), b('INTERSPORT', '5941')], localPatterns: ['{name} Cycles', '{name} Outdoor'], localMccs: ['5941', '5940'], medianEur: 45, sigma: 0.8, minEur: 5, maxEur: 700, hours: 'daytime', weekdays: 'shops', refundRate: 0.04 }),
  pharmacy: kind('pharmacy', { brands: [b('DM DROGERIE', '5912'), b('ROSSMANN', '5912'), b('BOOTS', '5912')], localPatterns: ['{name} Apotheke', 'Pharmacie {name}', '{name} Pharmacy'], localMccs: ['5912'], medianEur: 15, sigma: 0.6, minEur: 2, maxEur: 120, hours: 'daytime', weekdays: 'shops', travels: true }),
  doctor: kind('doctor', { localPatterns: ['Dr. {name} Practice', '{name} Dental Clinic', '{name} Physiotherapy'], localMccs: ['8011', '8021', '8099'], medianEur: 60, sigma: 0.6, minEur: 10, maxEur: 600, hours: 'daytime', weekdays: 'workdays' }),
  personalCare: kind('personalCare', { localPatterns: ['{name} Hair Studio', 'Barber {name}', '{name} Beauty'], localMccs: ['7230', '7298'], medianEur: 32, sigma: 0.5, minEur: 8, maxEur: 160, hours: 'daytime', weekdays: 'shops' }),
  cinema: kind('cinema', { brands: [b('CINEMAXX', '7832'), b('PATHE', '7832'), b('ODEON', '7832')], localPatterns: ['{name} Kino'], localMccs: ['7832'], medianEur: 14, sigma: 0.4, minEur: 6, maxEur: 60, hours: 'nightlife', weekdays: 'dining' }),
  events: kind('events', { brands: [b('EVENTIM', '7922'), b('TICKETMASTER', '7922')], localPatterns: ['{city} Museum', '{city} Zoo'], localMccs: ['7991', '7998'], medianEur: 55, sigma: 0.7, minEur: 8, maxEur: 400, hours: 'online', weekdays: 'even', online: true }),
  games: kind('games', { brands: [b('STEAM', '5816'), b('PLAYSTATION', '5816'), b('NINTENDO', '5816'), b('XBOX', '5816')], medianEur: 22, sigma: 0.7, minEur: 1, maxEur: 90, hours: 'online', weekdays: 'nightlife', online: true }),
  airline: kind('airline', { brands: [b('RYANAIR', '4511'), b('EASYJET', '4511'), b('LUFTHANSA', '3008'), b('AIR FRANCE', '3007'), b('BRITISH AIRWAYS', '3005'), b('KLM', '4511'), b('WIZZ AIR', '4511')], medianEur: 160, sigma: 0.6, minEur: 30, maxEur: 1400, hours: 'online', weekdays: 'even', online: true, refundRate: 0.02 }),
  hotel: kind('hotel', { brands: [b('BOOKING.COM', '4722'), b('AIRBNB', '7011'), b('HILTON HOTELS', '3504'), b('MARRIOTT', '3509')], localPatterns: ['Hotel {name}'], localMccs: ['7011'], medianEur: 240, sigma: 0.6, minEur: 40, maxEur: 2500, hours: 'daytime', weekdays: 'even', travels: true }),
  rail: kind('rail', { brands: [b('DB BAHN', '4112'), b('SNCF', '4112'), b('TRENITALIA', '4112'), b('EUROSTAR', '4112'), b('TRAINLINE', '4112')], medianEur: 45, sigma: 0.6, minEur: 8, maxEur: 300, hours: 'online', weekdays: 'even', online: true }),
  courses: kind('courses', { brands: [b('UDEMY', '8299'), b('COURSERA', '8299'), b('BABBEL', '8299')], localPatterns: ['{city} Language School'], localMccs: ['8299'], medianEur: 40, sigma: 0.7, minEur: 9, maxEur: 500, hours: 'online', weekdays: 'even', online: true }),
  charity: kind('charity', { brands: [b('RED CROSS', '8398'), b('UNICEF', '8398'), b('WWF', '8398')], medianEur: 25, sigma: 0.6, minEur: 5, maxEur: 200, hours: 'online', weekdays: 'even', online: true }),
  officeSupplies: kind('officeSupplies', { brands: [b('STAPLES', '5943'), b('VIKING DIRECT', '5111')], localPatterns: ['{name} Office Supplies', '{name} Print Shop'], localMccs: ['5111', '7338'], medianEur: 70, sigma: 0.7, minEur: 5, maxEur: 900, hours: 'daytime', weekdays: 'workdays' }),
  businessServices: kind('businessServices', { localPatterns: ['{name} Consulting', '{name} Marketing', '{name} Legal'], localMccs: ['7392', '7311', '8111'], medianEur: 350, sigma: 0.7, minEur: 50, maxEur: 5000, hours: 'daytime', weekdays: 'workdays', online: true }),
  courier: kind('courier', { brands: [b('DHL', '4215'), b('UPS', '4215'), b('FEDEX', '4215')], medianEur: 22, sigma: 0.6, minEur: 5, maxEur: 250, hours: 'daytime', weekdays: 'workdays', online: true }),
  computing: kind('computing', { brands: [b('DELL', '5045'), b('LENOVO', '5045'), b('APPLE STORE', '5732')], medianEur: 420, sigma: 0.7, minEur: 30, maxEur: 4000, hours: 'online', weekdays: 'workdays', online: true, refundRate: 0.03 }),
} satisfies Record<string, SpendKind>;

export type SpendKindKey = keyof typeof SPEND_KINDS;
