import type { Channel, Direction, TxnType } from '@ledgerline/transactions';

/**
 * A statement line carries no transaction type or channel, only a description and a sign.
 * These rules guess them from words banks actually print (EN/DE/FR/NL/ES); first match wins.
 */
const RULES: Array<{ type: TxnType; direction?: Direction; pattern: RegExp }> = [
  { type: 'SALARY', direction: 'CREDIT', pattern: /\b(salary|payroll|wages?|gehalt|lohn|bezuege|bezüge|salaire|paie|salaris|loon|nomina|nómina|sueldo)\b/i },
  { type: 'INTEREST', pattern: /\b(interest|zinsen|zins|int[ée]r[êe]ts?|rente|intereses)\b/i },
  { type: 'REFUND', direction: 'CREDIT', pattern: /\b(refund|reversal|chargeback|erstattung|r[üu]ckerstattung|gutschrift retoure|remboursement|terugbetaling|terugstorting|reembolso|devoluci[óo]n)\b/i },
  { type: 'FEE', direction: 'DEBIT', pattern: /\b(fee|fees|service charge|overdraft charge|geb[üu]hr|geb[üu]hren|entgelt|kontof[üu]hrung|frais|commission|cotisation|kosten|comisi[óo]n)\b/i },
  { type: 'WITHDRAWAL', direction: 'DEBIT', pattern: /\b(atm|cash withdrawal|cash machine|geldautomat|bargeld|auszahlung|retrait|dab|geldopname|geldautomaat|cajero|reintegro)\b/i },
  { type: 'PAYMENT', direction: 'DEBIT', pattern: /\b(direct debit|standing order|bill payment|lastschrift|dauerauftrag|pr[ée]l[èe]vement|incasso|domiciliaci[óo]n|recibo)\b/i },
  { type: 'TRANSFER', pattern: /\b(transfer|[üu]berweisung|umbuchung|virement|overboeking|overschrijving|transferencia|traspaso)\b/i },
];

const CHANNEL_BY_TYPE: Record<TxnType, Channel> = {
  PURCHASE: 'CARD_PRESENT',
  WITHDRAWAL: 'ATM',
  PAYMENT: 'DIRECT_DEBIT',
  TRANSFER: 'BANK_TRANSFER',
  SALARY: 'BANK_TRANSFER',
  DEPOSIT: 'BANK_TRANSFER',
  REFUND: 'BANK_TRANSFER',
  FEE: 'BANK_TRANSFER',
  INTEREST: 'BANK_TRANSFER',
  TRADE: 'ONLINE',
};

export function inferTxnType(description: string, direction: Direction): TxnType {
  for (const rule of RULES) {
    if (rule.direction && rule.direction !== direction) continue;
    if (rule.pattern.test(description)) return rule.type;
  }
  return direction === 'DEBIT' ? 'PURCHASE' : 'DEPOSIT';
}

/** Best guess only: statements do not say how a payment was made. */
export function channelFor(type: TxnType): Channel {
  return CHANNEL_BY_TYPE[type];
}
