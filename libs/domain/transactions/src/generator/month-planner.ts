import { TRAVEL_DESTINATIONS, type TravelDestination } from './countries.ts';
import { eurCents, localCents, noteStep, roundLocal } from './amounts.ts';
import type { Merchant, MerchantPools } from './merchant-pools.ts';
import type { Rng } from './random.ts';
import { PAYOUT_PROVIDERS, UNUSUAL_COUNTRIES, UNUSUAL_MERCHANTS } from './recurring-catalogue.ts';
import type { AccountState, CustomerState, Place, PlannedEvent, SpendEvent } from './simulation-state.ts';
import { SPEND_KINDS, type SpendKind, type SpendKindKey } from './spend-kinds.ts';
import { HOUR_PROFILES, localToUtcMs, sampleDay, sampleSecondsOfDay, WEEKDAY_PROFILES, type MonthShape } from './time-of-day.ts';

/** Share of planned purchases turned into anomalies (~0.3%; the ledger skips the few a customer cannot afford). */
export const ANOMALY_RATE = 0.003;
const PENDING_RATE = 0.01;
const FAVOURITE_SHARE = 0.85;
/** Kinds a small business buys on its BUSINESS account (the rest is everyday CHECKING spend). */
const BUSINESS_KINDS: ReadonlySet<SpendKindKey> = new Set(['officeSupplies', 'businessServices', 'courier', 'computing', 'online', 'airline', 'hotel', 'rail']);
const ATM_AMOUNTS_EUR = [20, 50, 50, 100, 100, 150, 200, 300];
const SAVINGS_RATE_PERCENT = '2.00';

export interface MonthContext extends MonthShape {
  year: number;
  month0: number;
  /** `YYYY-MM`, used in recurring descriptions. */
  label: string;
}

interface Trip {
  destination: TravelDestination;
  fromDay: number;
  toDay: number;
}

/** Everything that should happen to one customer in one month, before the ledger applies balances. */
export class MonthPlanner {
  constructor(
    private readonly rng: Rng,
    private readonly pools: MerchantPools,
  ) {}

  plan(c: CustomerState, m: MonthContext): PlannedEvent[] {
    const { rng } = this;
    const events: PlannedEvent[] = [];
    const at = (day: number, seconds: number): number => localToUtcMs(m.year, m.month0, Math.min(day, m.days), seconds, c.country.utcOffsetHours);
    const home: Place = { city: c.customer.city, state: c.customer.state, country: c.country.code };

    for (const item of c.recurring) events.push({ type: 'recurring', at: at(item.day, item.secondsOfDay), item, label: m.label });

    const trip = rng.chance(c.profile.tripChance) ? this.planTrip(c, m) : null;

    for (const [key, mean] of Object.entries(c.profile.spend) as Array<[SpendKindKey, number]>) {
      const count = rng.poisson(mean * c.activity);
      for (let i = 0; i < count; i++) events.push(this.spend(c, m, key, home, trip, null));
    }

    if (trip) this.planTripSpend(c, m, trip, home, events, at);

    const atms = rng.poisson(c.profile.atmPerMonth * c.activity);
    for (let i = 0; i < atms; i++) {
      const day = sampleDay(rng, m, WEEKDAY_PROFILES.even);
      const abroad = trip !== null && day >= trip.fromDay && day <= trip.toDay;
      const currency = abroad ? trip.destination.currency : c.everyday.currency;
      events.push({
        type: 'atm',
        at: at(day, sampleSecondsOfDay(rng, HOUR_PROFILES.cash)),
        account: c.everyday,
        amount: roundLocal(eurCents(rng.pick(ATM_AMOUNTS_EUR)), currency, noteStep(currency)),
        currency,
        place: abroad ? { city: trip.destination.city, state: null, country: trip.destination.country } : home,
      });
    }

    this.planTransfers(c, m, events, at);

    if (c.customer.kind === 'CORPORATE') this.planBusinessIncome(c, m, events, at);

    return events;
  }

  private planTrip(c: CustomerState, m: MonthContext): Trip {
    const candidates = TRAVEL_DESTINATIONS.filter((d) => d.country !== c.country.code);
    const destination = this.rng.pick(candidates);
    const length = this.rng.int(2, 7);
    const fromDay = this.rng.int(1, m.days - length + 1);
    return { destination, fromDay, toDay: fromDay + length - 1 };
  }

  /** Flight booked at home before the trip, the hotel bill at checkout, and meals and rides while away. */
  private planTripSpend(c: CustomerState, m: MonthContext, trip: Trip, home: Place, events: PlannedEvent[], at: (day: number, seconds: number) => number): void {
    const { rng } = this;
    const flightDay = Math.max(1, trip.fromDay - rng.int(2, 20));
    events.push(this.spend(c, m, 'airline', home, null, flightDay));
    const nights = BigInt(trip.toDay - trip.fromDay);
    if (nights > 0n) {
      const nightly = eurCents(rng.logNormal(110 * c.spendLevel, 0.35, 50, 450));
      const event = this.spend(c, m, 'hotel', home, trip, trip.toDay);
      event.amount = localCents(nightly * nights, trip.destination.currency);
      event.at = at(trip.toDay, (9 + rng.int(0, 2)) * 3600 + rng.int(0, 3599));
      events.push(event);
    }
    for (let day = trip.fromDay; day <= trip.toDay; day++) {
      for (const key of ['restaurant', 'cafe', 'publicTransport', 'restaurant'] as const) {
        if (rng.chance(0.7)) events.push(this.spend(c, m, key, home, trip, day));
      }
    }
  }

  private spend(c: CustomerState, m: MonthContext, key: SpendKindKey, home: Place, trip: Trip | null, fixedDay: number | null): SpendEvent {
    const { rng } = this;
    const kind: SpendKind = SPEND_KINDS[key];
    const day = fixedDay ?? sampleDay(rng, m, WEEKDAY_PROFILES[kind.weekdays]);
    const seconds = sampleSecondsOfDay(rng, HOUR_PROFILES[kind.hours]);
    const abroad = trip !== null && kind.travels && day >= trip.fromDay && day <= trip.toDay;

    let account: AccountState = c.customer.kind === 'CORPORATE' && BUSINESS_KINDS.has(key) ? c.main : c.everyday;
    if (c.card && rng.chance(c.profile.cardShare)) account = c.card;

    const merchant = abroad && trip ? rng.pick(this.pools.destination(trip.destination.city, key)) : this.homeMerchant(c, key);
    const currency = abroad && trip ? trip.destination.currency : account.currency;
    const eur = eurCents(rng.logNormal(kind.medianEur * c.spendLevel, kind.sigma, kind.minEur, kind.maxEur));
    const place: Place = kind.online ? { city: null, state: null, country: c.country.code } : abroad && trip ? { city: trip.destination.city, state: null, country: trip.destination.country } : home;
    const event: SpendEvent = {
      type: 'spend',
      at: localToUtcMs(m.year, m.month0, Math.min(day, m.days), seconds, c.country.utcOffsetHours),
      account,
      merchant,
      amount: localCents(eur, currency),
      currency,
      channel: kind.online ? (rng.chance(0.8) ? 'ONLINE' : 'MOBILE') : rng.chance(0.85) ? 'CARD_PRESENT' : 'MOBILE',
      place,
      status: rng.chance(PENDING_RATE) ? 'PENDING' : 'POSTED',
      refundRate: kind.refundRate,
      anomaly: null,
    };
    if (rng.chance(ANOMALY_RATE)) this.makeAnomaly(event);
    return event;
  }

  /**
   * Ground-truth anomalies: either a familiar merchant at many times the usual amount, or a
   * merchant and country this customer never otherwise uses (casino, bullion, pawn shop...).
   */
  private makeAnomaly(event: SpendEvent): void {
    const { rng } = this;
    const typical = event.amount;
    event.status = 'POSTED';
    event.refundRate = 0;
    if (rng.chance(0.6)) {
      const multiple = BigInt(rng.int(800, 2000));
      event.amount = (event.amount * multiple) / 100n;
      event.anomaly = { reason: 'large_amount', typical };
      return;
    }
    const unusual = rng.pick(UNUSUAL_MERCHANTS);
    event.merchant = { name: unusual.merchant, mcc: unusual.mcc ?? '5999' };
    event.currency = event.account.currency;
    event.amount = localCents(eurCents(rng.logNormal(600, 0.5, 150, 4000)), event.currency);
    event.channel = 'ONLINE';
    event.place = { city: null, state: null, country: rng.pick(UNUSUAL_COUNTRIES) };
    event.anomaly = { reason: 'unusual_merchant', typical };
  }

  private homeMerchant(c: CustomerState, key: SpendKindKey): Merchant {
    const favourites = c.favourites.get(key);
    if (favourites && favourites.length > 0 && this.rng.chance(FAVOURITE_SHARE)) {
      // Earlier favourites are preferred: weights n, n-1, ..., 1.
      const weights = favourites.map((_, i) => favourites.length - i);
      return favourites[this.rng.weightedIndex(weights)] as Merchant;
    }
    const pool = this.pools.home(c.country.code, key);
    const merchant = this.rng.pick(pool);
    return { name: merchant.name.replace('{city}', c.customer.city ?? ''), mcc: merchant.mcc };
  }

  private planTransfers(c: CustomerState, m: MonthContext, events: PlannedEvent[], at: (day: number, seconds: number) => number): void {
    const { rng } = this;
    const income = localCents(c.incomeEur, c.main.currency);
    const unit = BigInt(noteStep(c.main.currency)) * 100n;
    if (c.savings) {
      const sweep = ((income * BigInt(Math.round(c.savingsRate * 1000))) / 1000n / unit) * unit;
      if (sweep > 0n) {
        events.push({ type: 'transfer', at: at(c.payday + 1, 8 * 3600 + rng.int(0, 3599)), from: c.main, to: c.savings, amount: sweep, minimum: unit, description: 'Transfer to savings' });
      }
      if (rng.chance(0.12)) {
        const amount = roundLocal(eurCents(rng.uniform(100, 800)), c.main.currency, noteStep(c.main.currency));
        const day = rng.int(5, m.days);
        events.push({ type: 'transfer', at: at(day, sampleSecondsOfDay(rng, HOUR_PROFILES.online)), from: c.savings, to: c.everyday, amount, minimum: amount, description: 'Transfer from savings' });
      }
      events.push({ type: 'interest', at: at(m.days, 22 * 3600), account: c.savings, annualRatePercent: SAVINGS_RATE_PERCENT });
    }
    if (c.card) {
      events.push({ type: 'cardPayoff', at: at(c.cardPayoffDay, 7 * 3600 + rng.int(0, 3599)), from: c.main, card: c.card });
    }
    if (c.main !== c.everyday) {
      const draw = ((income * BigInt(rng.int(8, 15))) / 100n / unit) * unit;
      events.push({ type: 'transfer', at: at(27, 9 * 3600 + rng.int(0, 3599)), from: c.main, to: c.everyday, amount: draw, minimum: unit, description: 'Transfer to operating account' });
    }
  }

  /** Card takings paid out weekly by the acquirer, plus the odd client invoice. */
  private planBusinessIncome(c: CustomerState, m: MonthContext, events: PlannedEvent[], at: (day: number, seconds: number) => number): void {
    const { rng } = this;
    for (const day of [3, 10, 17, 24]) {
      events.push({
        type: 'credit',
        at: at(day + rng.int(0, 2), sampleSecondsOfDay(rng, HOUR_PROFILES.payroll)),
        account: c.main,
        txn_type: 'DEPOSIT',
        merchant: rng.pick(PAYOUT_PROVIDERS),
        channel: 'BANK_TRANSFER',
        amount: localCents((c.incomeEur * BigInt(rng.int(8, 16))) / 100n, c.main.currency),
        description: 'Card takings payout',
      });
    }
    const invoices = rng.poisson(1);
    for (let i = 0; i < invoices; i++) {
      events.push({
        type: 'credit',
        at: at(rng.int(1, m.days), sampleSecondsOfDay(rng, HOUR_PROFILES.daytime)),
        account: c.main,
        txn_type: 'DEPOSIT',
        merchant: null,
        channel: 'BANK_TRANSFER',
        amount: localCents(eurCents(rng.logNormal(1500, 0.6, 200, 15000)), c.main.currency),
        description: 'Invoice payment',
      });
    }
  }
}
