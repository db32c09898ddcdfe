import type { Account, Customer, Persona } from '../model/customer.ts';
import type { Channel, Direction, Transaction, TxnType, TxStatus } from '../model/transaction.ts';
import type { KnownCurrency } from '../fx/fx-rates.ts';
import type { CountryProfile } from './countries.ts';
import type { Merchant } from './merchant-pools.ts';
import type { PersonaProfile } from './personas.ts';
import type { SpendKindKey } from './spend-kinds.ts';
import type { TradeEvent } from './trade-planner.ts';

/** A simulated account: the public record plus the running balance the ledger enforces. */
export interface AccountState {
  account: Account;
  currency: KnownCurrency;
  /** Running balance in integer cents of the account currency; never below zero. */
  balance: bigint;
  /** Sum of this account's monthly recurring debits: what one pay period always has to cover. */
  reserve: bigint;
  /**
   * Recurring debits still to come before the next anchor income. Discretionary debits must
   * leave at least this much, so rent and subscriptions are always payable (see ledger.ts).
   */
  due: bigint;
  /** Credit limit of a CREDIT_CARD (its balance is the available credit); null otherwise. */
  limit: bigint | null;
  /** Whether card spend in a foreign currency incurs a foreign transaction fee. */
  chargesFxFee: boolean;
  /** Epoch ms of the last transaction, for `updated_at`. */
  lastActivity: number;
  /** Assets held from trades: symbol -> quantity in units of 10^-8 (created at the first buy). */
  holdings?: Map<string, bigint>;
}

/** A fixed monthly movement: same merchant, amount, day and time every month. */
export interface RecurringItem {
  account: AccountState;
  direction: Direction;
  txn_type: TxnType;
  merchant: string | null;
  mcc: string | null;
  channel: Channel;
  description: string;
  amount: bigint;
  day: number;
  secondsOfDay: number;
  /** The income that starts a new pay period (salary, pension, allowance or business retainer). */
  anchor: boolean;
}

export interface CustomerState {
  customer: Customer;
  persona: Persona;
  profile: PersonaProfile;
  country: CountryProfile;
  /** The account that receives income and pays the recurring debits. */
  main: AccountState;
  /** CHECKING of a corporate customer (topped up from BUSINESS); the main account otherwise. */
  everyday: AccountState;
  savings: AccountState | null;
  card: AccountState | null;
  /** Every account of the customer, in id order. */
  accounts: AccountState[];
  recurring: RecurringItem[];
  /** Favourite merchants per spend kind (`{city}` filled); most purchases go to these. */
  favourites: Map<SpendKindKey, Merchant[]>;
  /** Per-customer multiplier on purchase counts and on amounts. */
  activity: number;
  spendLevel: number;
  /** Monthly income in EUR cents (before conversion), the scale for transfers and anomalies. */
  incomeEur: bigint;
  payday: number;
  savingsRate: number;
  cardPayoffDay: number;
  /** Events already planned for later months (refunds of earlier purchases). */
  carried: PlannedEvent[];
}

export interface Place {
  city: string | null;
  state: string | null;
  country: string | null;
}

/** Discretionary card spend; may be skipped or shrunk by the ledger. */
export interface SpendEvent {
  type: 'spend';
  at: number;
  account: AccountState;
  merchant: Merchant;
  amount: bigint;
  currency: KnownCurrency;
  channel: Channel;
  place: Place;
  status: TxStatus;
  refundRate: number;
  anomaly: { reason: 'large_amount' | 'unusual_merchant'; typical: bigint } | null;
}

export type PlannedEvent =
  | SpendEvent
  | TradeEvent
  | { type: 'recurring'; at: number; item: RecurringItem; label: string }
  | { type: 'credit'; at: number; account: AccountState; txn_type: TxnType; merchant: string | null; channel: Channel; amount: bigint; description: string | null }
  | { type: 'atm'; at: number; account: AccountState; amount: bigint; currency: KnownCurrency; place: Place }
  | { type: 'transfer'; at: number; from: AccountState; to: AccountState; amount: bigint; minimum: bigint; description: string }
  | { type: 'cardPayoff'; at: number; from: AccountState; card: AccountState }
  | { type: 'interest'; at: number; account: AccountState; annualRatePercent: string }
  | { type: 'refund'; at: number; original: Transaction; account: AccountState; amount: bigint };
