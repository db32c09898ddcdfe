import { Sealed4Ledger } from './sealed4-ledger.ts';

// The sixth sealed set's expected figures. The SQL is sealed4-ledger.ts's (one CTE over the RAW
// tables written from docs/analytics.md, never the planner's or the metric catalog's SQL); what
// differs is which customers the set asks about: its own order, salted with the set's name, so
// no customer is picked the way an earlier set picked one.
export class Sealed6Ledger extends Sealed4Ledger {
  override async customers(): Promise<string[]> {
    const all = await super.customers();
    const key = (who: string) => [...`${who}#sealed6`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_003, 7);
    return [...all].sort((a, b) => key(a) - key(b) || a.localeCompare(b));
  }
}
