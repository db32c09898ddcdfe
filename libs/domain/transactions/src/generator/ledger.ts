import { convertCents } from '../fx/convert.ts';
import { divideHalfEven, parseDecimal, pow10 } from '../fx/decimal.ts';
import type { Transaction } from '../model/transaction.ts';
import type { Rng } from './random.ts';
import type { AccountState, CustomerState, PlannedEvent, SpendEvent } from './simulation-state.ts';
import type { TransactionDraft, TransactionFactory } from './transaction-factory.ts';
import { tradeDescription } from '../model/trade.ts';
import type { TradeMarket } from './trade-market.ts';
import { priceOrder } from './trade-orders.ts';
import type { TradeEvent } from './trade-planner.ts';

const DAY_MS = 86_400_000;
/** Foreign transaction fee on card spend and cash abroad: 1.75% of the settled amount. */
const FX_FEE_BASIS_POINTS = 175n;
const FULL_REFUND_SHARE = 0.7;

/** A month's emitted transactions with their epoch-ms times (kept so sorting needs no Date.parse). */
export class MonthOutput {
  readonly transactions: Transaction[] = [];
  readonly times: number[] = [];

  push(tx: Transaction, time: number): void {
    this.transactions.push(tx);
    this.times.push(time);
  }
}

export interface AnomalyRecord {
  tx_id: string;
  reason: string;
}

/**
 * Applies one customer-month of planned events in time order and emits the transactions that
 * actually happen, enforcing the balance rules:
 *
 * - No debit ever takes an account below zero (a CREDIT_CARD's balance is its available credit).
 * - Discretionary debits (purchases, cash, transfers out) must also leave the account's `due`
 *   (recurring debits still to come before the next anchor income) untouched; if they cannot,
 *   they are skipped, or shrunk where that still makes sense (transfers, card repayments,
 *   large-amount anomalies).
 *
 * Why recurring debits then never bounce. A pay period runs from one anchor income to the next;
 * recurring items have a fixed day and time, so each falls exactly once in every period and the
 * bills of a period add up to `reserve`. Invariant: balance >= due.
 *   - a discretionary debit only happens when it keeps balance >= due;
 *   - a recurring debit lowers balance and due by the same amount (it was part of due);
 *   - the anchor income resets due to `reserve`, and anchor >= reserve (ensured at customer
 *     creation), so balance + anchor >= reserve;
 *   - other credits only raise the balance; the opening balance exceeds the first period's due.
 *
 * Each account's transactions get strictly increasing timestamps (ties move 1 ms later), so
 * replaying an account ordered by `occurred_at` reproduces exactly the order used here.
 */
export class Ledger {
  constructor(
    private readonly factory: TransactionFactory,
    private readonly rng: Rng,
    private readonly anomalies: AnomalyRecord[],
    /** Prices the trades (absent: a run without trades plans none). */
    private readonly market?: TradeMarket,
  ) {}

  settle(c: CustomerState, planned: PlannedEvent[], monthEndMs: number, out: MonthOutput): void {
    const queue = planned.sort((a, b) => a.at - b.at); // stable: ties keep planning order
    // Bills, income and bank charges happen where the customer banks, with no merchant city.
    const domestic = { city: null, state: null, country: c.country.code };
    for (let i = 0; i < queue.length; i++) {
      const event = queue[i] as PlannedEvent;
      switch (event.type) {
        case 'recurring': {
          const { item } = event;
          const fields: DraftFields = { txn_type: item.txn_type, merchant: item.merchant, mcc: item.mcc, channel: item.channel, description: `${item.description} ${event.label}`, is_recurring: true, place: domestic, categoryKey: item };
          if (item.direction === 'CREDIT') {
            this.credit(item.account, event.at, item.amount, fields, out);
            if (item.anchor) item.account.due = item.account.reserve; // a new pay period starts
          } else if (item.amount <= item.account.balance) {
            // always true by the invariant above; the guard keeps "never negative" absolute
            this.debit(item.account, event.at, item.amount, item.amount, item.account.currency, fields, out);
            item.account.due = item.account.due > item.amount ? item.account.due - item.amount : 0n;
          }
          break;
        }
        case 'credit':
          this.credit(event.account, event.at, event.amount, { txn_type: event.txn_type, merchant: event.merchant, mcc: null, channel: event.channel, description: event.description, place: domestic }, out);
          break;
        case 'spend':
          this.spend(c, event, queue, i, monthEndMs, out);
          break;
        case 'atm': {
          const settled = this.settled(event.amount, event.currency, event.account);
          if (settled > this.available(event.account)) break;
          this.debit(event.account, event.at, settled, event.amount, event.currency, { txn_type: 'WITHDRAWAL', merchant: null, mcc: '6011', channel: 'ATM', description: `Cash withdrawal ${event.place.city ?? ''}`.trim(), place: event.place }, out);
          if (event.currency !== event.account.currency && event.account.chargesFxFee) this.fxFee(event.account, event.at, settled, 'ATM', 'Foreign cash withdrawal fee', out);
          break;
        }
        case 'transfer': {
          const available = this.available(event.from);
          let amount = event.amount;
          if (amount > available) amount = (available / 100n) * 100n; // whole units only
          if (amount < event.minimum || amount <= 0n) break;
          this.transfer(event.from, event.to, event.at, amount, event.description, out);
          break;
        }
        case 'cardPayoff': {
          const outstanding = (event.card.limit ?? 0n) - event.card.balance;
          const amount = outstanding < this.available(event.from) ? outstanding : this.available(event.from);
          if (amount >= 100n) this.transfer(event.from, event.card, event.at, amount, 'Credit card repayment', out);
          break;
        }
        case 'interest': {
          const rate = parseDecimal(event.annualRatePercent);
          // balance * rate% / 12 months, rounded half-even to the cent
          const interest = divideHalfEven(event.account.balance * rate.units, 100n * 12n * pow10(rate.scale));
          if (interest > 0n) this.credit(event.account, event.at, interest, { txn_type: 'INTEREST', merchant: null, mcc: null, channel: 'BANK_TRANSFER', description: `Interest ${event.annualRatePercent}% p.a.` }, out);
          break;
        }
        case 'trade':
          this.trade(c, event, out);
          break;
        case 'refund': {
          const { original } = event;
          const settled = this.settled(event.amount, original.currency, event.account);
          this.credit(event.account, event.at, settled, {
            txn_type: 'REFUND',
            merchant: original.merchant,
            mcc: original.mcc,
            channel: original.channel,
            description: `Refund of ${original.tx_id}`,
            place: { city: original.city, state: original.state, country: original.country },
            amount: event.amount,
            currency: original.currency,
          }, out);
          break;
        }
      }
    }
  }

  private spend(c: CustomerState, event: SpendEvent, queue: PlannedEvent[], index: number, monthEndMs: number, out: MonthOutput): void {
    const { account } = event;
    let amount = event.amount;
    let settled = this.settled(amount, event.currency, account);
    const available = this.available(account);
    if (settled > available) {
      // Only a large-amount anomaly in the account currency is shrunk (to what is affordable,
      // provided it is still clearly out of pattern); everything else unaffordable is skipped.
      const canShrink = event.anomaly?.reason === 'large_amount' && event.currency === account.currency && available >= event.anomaly.typical * 5n;
      if (!canShrink) return;
      amount = available;
      settled = available;
    }
    const tx = this.debit(account, event.at, settled, amount, event.currency, {
      txn_type: 'PURCHASE',
      merchant: event.merchant.name,
      mcc: event.merchant.mcc,
      channel: event.channel,
      description: null,
      place: event.place,
      status: event.status,
      categoryKey: event.merchant,
    }, out);

    if (event.anomaly) this.anomalies.push({ tx_id: tx.tx_id, reason: this.describeAnomaly(event, tx) });
    if (event.currency !== account.currency && account.chargesFxFee) this.fxFee(account, event.at, settled, event.channel, 'Foreign transaction fee', out);
    if (event.status === 'POSTED' && event.refundRate > 0 && this.rng.chance(event.refundRate)) {
      const refundAmount = this.rng.chance(FULL_REFUND_SHARE) ? amount : (amount * BigInt(this.rng.int(20, 80))) / 100n;
      const refund: PlannedEvent = { type: 'refund', at: event.at + this.rng.int(3, 21) * DAY_MS + this.rng.int(0, 86_399) * 1000, original: tx, account, amount: refundAmount > 0n ? refundAmount : amount };
      if (refund.at < monthEndMs) insertByTime(queue, index + 1, refund);
      else c.carried.push(refund);
    }
  }

  /**
   * An investment trade on the customer's main account, priced at its own timestamp (the time it
   * is booked at, so price and occurred_at agree to the millisecond). Like any discretionary debit
   * a buy only spends free cash; a sell needs the holding. Both settle in the account currency at
   * the static rate, as a foreign card payment does, so the balance rule needs nothing new.
   */
  private trade(c: CustomerState, event: TradeEvent, out: MonthOutput): void {
    if (!this.market) return;
    const { account } = event;
    const time = Math.max(event.at, account.lastActivity + 1);
    const order = priceOrder(event, time, this.market, account, this.available(account));
    if (!order) return;
    const holdings = (account.holdings ??= new Map());
    holdings.set(event.asset.symbol, (holdings.get(event.asset.symbol) ?? 0n) + order.holdingDelta);
    const fields: DraftFields & { amount: bigint; currency: string } = {
      txn_type: 'TRADE',
      merchant: BROKER,
      mcc: null,
      channel: 'ONLINE',
      description: tradeDescription(event.side, order.trade, event.asset.currency),
      place: { city: null, state: null, country: c.country.code },
      trade: order.trade,
      amount: order.amount,
      currency: event.asset.currency,
    };
    if (event.side === 'BUY') this.debit(account, time, order.settled, order.amount, event.asset.currency, fields, out);
    else this.credit(account, time, order.settled, fields, out);
  }

  private describeAnomaly(event: SpendEvent, tx: Transaction): string {
    if (event.anomaly?.reason === 'large_amount') {
      const multiple = Number((event.amount * 10n) / (event.anomaly.typical > 0n ? event.anomaly.typical : 1n)) / 10;
      return `large_amount: ${tx.amount} ${tx.currency} at ${tx.merchant} is ~${multiple}x a typical ${tx.category} purchase for this customer`;
    }
    return `unusual_merchant: ${tx.merchant} (MCC ${tx.mcc}, ${tx.category}/${tx.subcategory}) in ${tx.country} is out of pattern for this customer`;
  }

  private fxFee(account: AccountState, at: number, settled: bigint, channel: TransactionDraft['channel'], description: string, out: MonthOutput): void {
    const fee = divideHalfEven(settled * FX_FEE_BASIS_POINTS, 10_000n);
    if (fee <= 0n || fee > this.available(account)) return;
    this.debit(account, at, fee, fee, account.currency, { txn_type: 'FEE', merchant: 'FOREIGN TRANSACTION FEE', mcc: null, channel, description }, out);
  }

  private transfer(from: AccountState, to: AccountState, at: number, amount: bigint, description: string, out: MonthOutput): void {
    const time = Math.max(at, from.lastActivity + 1, to.lastActivity + 1);
    this.debit(from, time, amount, amount, from.currency, { txn_type: 'TRANSFER', merchant: null, mcc: null, channel: 'BANK_TRANSFER', description, related_account_id: to.account.account_id }, out);
    this.credit(to, time, amount, { txn_type: 'TRANSFER', merchant: null, mcc: null, channel: 'BANK_TRANSFER', description, related_account_id: from.account.account_id }, out);
  }

  /** What a discretionary debit may take: the balance above the bills still due this pay period. */
  private available(account: AccountState): bigint {
    const free = account.balance - account.due;
    return free > 0n ? free : 0n;
  }

  private settled(amount: bigint, currency: string, account: AccountState): bigint {
    return currency === account.currency ? amount : convertCents(amount, currency, account.currency);
  }

  private debit(account: AccountState, at: number, settled: bigint, amount: bigint, currency: string, fields: DraftFields, out: MonthOutput): Transaction {
    account.balance -= settled;
    return this.emit(account, at, 'DEBIT', amount, currency, fields, out);
  }

  private credit(account: AccountState, at: number, settled: bigint, fields: DraftFields & { amount?: bigint; currency?: string }, out: MonthOutput): Transaction {
    account.balance += settled;
    return this.emit(account, at, 'CREDIT', fields.amount ?? settled, fields.currency ?? account.currency, fields, out);
  }

  private emit(account: AccountState, at: number, direction: 'DEBIT' | 'CREDIT', amount: bigint, currency: string, fields: DraftFields, out: MonthOutput): Transaction {
    const time = Math.max(at, account.lastActivity + 1);
    account.lastActivity = time;
    const tx = this.factory.create({
      account_id: account.account.account_id,
      at: time,
      amount,
      currency,
      direction,
      txn_type: fields.txn_type,
      merchant: fields.merchant,
      mcc: fields.mcc,
      channel: fields.channel,
      description: fields.description,
      place: fields.place ?? NO_PLACE,
      is_recurring: fields.is_recurring ?? false,
      status: fields.status ?? 'POSTED',
      related_account_id: fields.related_account_id ?? null,
      categoryKey: fields.categoryKey,
      ...(fields.trade ? { trade: fields.trade } : {}),
    });
    out.push(tx, time);
    return tx;
  }
}

type DraftFields = Pick<TransactionDraft, 'txn_type' | 'merchant' | 'mcc' | 'channel' | 'description'> &
  Partial<Pick<TransactionDraft, 'place' | 'is_recurring' | 'status' | 'related_account_id' | 'categoryKey' | 'trade'>>;

/** The broker every trade goes through (the bank's own brokerage). */
const BROKER = 'Ledgerline Invest';

const NO_PLACE = { city: null, state: null, country: null };

/** Inserts `event` into the time-sorted `queue` at or after `from`, after any events at the same time. */
function insertByTime(queue: PlannedEvent[], from: number, event: PlannedEvent): void {
  let lo = from;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((queue[mid] as PlannedEvent).at <= event.at) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, event);
}

