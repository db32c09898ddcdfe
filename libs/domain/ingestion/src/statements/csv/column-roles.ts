/**
 * Column roles recognised from header cells, with synonyms in English, German, French, Dutch,
 * Spanish, Hungarian, Polish, Russian, Japanese, Korean and Chinese. Synonyms are compared after
 * `normalizeHeader` (lower case, Latin accents and punctuation removed, other scripts kept), so
 * "Auftraggeber/Empfänger", "Libellé", "Amount (€)", "Összeg" and "金額" all match.
 */
export const COLUMN_ROLES = [
  'date',
  'value_date',
  'time',
  'description',
  'amount',
  'debit',
  'credit',
  'direction',
  'balance',
  'currency',
  'category',
  'id',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

// Booking/transaction dates come before generic "date" columns, and both before value dates:
// the booking date is when the bank says the transaction happened.
const SYNONYMS: Record<ColumnRole, string[]> = {
  date: [
    'booking date', 'transaction date', 'posting date', 'posted date', 'trans date', 'txn date', 'date posted',
    'buchungstag', 'buchungsdatum', 'date operation', 'date de l operation', 'date d operation', 'date comptable',
    'boekdatum', 'boekingsdatum', 'transactiedatum', 'fecha operacion', 'fecha de operacion', 'fecha contable',
    'date', 'datum', 'fecha', 'day',
    'konyveles datuma', 'konyveles napja', 'tranzakcio datuma', 'data operacji', 'data ksiegowania',
    'дата операции', 'дата проводки', 'дата', '取引日', '日付', '利用日', '거래일자', '거래일', '일자', '交易日期', '记账日期', '日期',
  ],
  value_date: ['value date', 'valuta', 'valutadatum', 'wertstellung', 'date de valeur', 'date valeur', 'rentedatum', 'fecha valor', 'erteknap', 'data waluty', 'дата валютирования', '起息日'],
  time: ['time', 'transaction time', 'uhrzeit', 'zeit', 'heure', 'tijd', 'hora'],
  description: [
    'description', 'transaction description', 'details', 'transaction details', 'narrative', 'memo', 'notes', 'note', 'purpose',
    'remarks', 'payee', 'payee name', 'vorgang verwendungszweck', 'empfanger zahlungspflichtiger', 'auftraggeber zahlungsempfanger',
    'merchant', 'merchant name', 'name', 'counterparty', 'reference', 'particulars', 'text',
    'buchungstext', 'verwendungszweck', 'beschreibung', 'auftraggeber empfanger', 'auftraggeber', 'empfanger',
    'beguenstigter zahlungspflichtiger', 'begunstigter zahlungspflichtiger', 'zahlungsempfanger',
    'libelle', 'libelle operation', 'libelle de l operation', 'detail', 'tiers',
    'omschrijving', 'naam omschrijving', 'naam', 'mededelingen', 'tegenpartij',
    'concepto', 'descripcion', 'detalle', 'beneficiario', 'movimiento',
    'kozlemeny', 'partner neve', 'megnevezes', 'opis', 'tytul', 'opis operacji',
    'описание', 'назначение платежа', '摘要', 'お取引内容', '取引内容', '적요', '거래내용', '내용', '交易摘要', '交易描述',
  ],
  amount: [
    'amount', 'transaction amount', 'value', 'sum', 'net amount',
    'betrag', 'umsatz', 'buchungsbetrag', 'montant', 'montant de l operation', 'bedrag', 'importe', 'monto', 'cantidad',
    'net', 'gross', 'osszeg', 'kwota', 'сумма', 'сумма операции', '金額', '取引金額', '금액', '거래금액', '金额', '交易金额',
  ],
  debit: [
    'debit', 'debits', 'debit amount', 'withdrawal', 'withdrawals', 'money out', 'paid out', 'out', 'outflow', 'spent',
    'soll', 'belastung', 'ausgang', 'debit eur', 'af', 'debet', 'cargo', 'cargos', 'debe',
  ],
  credit: [
    'credit', 'credits', 'credit amount', 'deposit', 'deposits', 'money in', 'paid in', 'in', 'inflow', 'received',
    'haben', 'gutschrift', 'eingang', 'bij', 'abono', 'abonos', 'haber',
  ],
  direction: ['soll haben', 's h', 'debit credit', 'dr cr', 'cr dr', 'credit debit indicator', 'debit credit indicator', 'af bij'],
  balance: ['balance', 'running balance', 'balance after', 'saldo', 'kontostand', 'solde', 'saldo na mutatie', 'egyenleg', 'остаток', '残高', '잔액', '余额'],
  currency: ['currency', 'ccy', 'curr', 'currency code', 'wahrung', 'waehrung', 'devise', 'monnaie', 'munt', 'moneda', 'divisa', 'penznem', 'deviza', 'waluta', 'валюта', '通貨', '통화', '币种'],
  category: ['category', 'kategorie', 'categorie', 'categoria', 'rubrique'],
  id: [
    'transaction id', 'reference id', 'ref id', 'txn id', 'tx id', 'id', 'fitid', 'transaction number', 'transaction reference',
    'transaktions id', 'transaktionsnummer', 'identifiant', 'numero de transaction', 'transactie id', 'id transaccion',
  ],
};

// Currency tokens stripped from headers such as "Betrag (EUR)" before matching.
const HEADER_CURRENCY_TOKENS = new Set(['eur', 'usd', 'gbp', 'chf', 'jpy', 'cad', 'aud', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf']);

const LOOKUP: Map<string, { role: ColumnRole; rank: number }> = buildLookup();

function buildLookup(): Map<string, { role: ColumnRole; rank: number }> {
  const map = new Map<string, { role: ColumnRole; rank: number }>();
  for (const role of COLUMN_ROLES) {
    SYNONYMS[role].forEach((synonym, rank) => {
      const key = normalizeHeader(synonym);
      if (!map.has(key)) map.set(key, { role, rank });
    });
  }
  return map;
}

export function normalizeHeader(cell: string): string {
  return (
    cell
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // Recomposed so that Hangul syllables and kana with voicing marks stay whole letters.
      .normalize('NFC')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The role a header cell names, with a rank (lower = more preferred among cells of that role). */
export function roleOfHeader(cell: string): { role: ColumnRole; rank: number } | undefined {
  const key = normalizeHeader(cell);
  if (key === '') return undefined;
  const exact = LOOKUP.get(key);
  if (exact) return exact;
  const withoutCurrency = key
    .split(' ')
    .filter((t) => !HEADER_CURRENCY_TOKENS.has(t))
    .join(' ');
  return withoutCurrency && withoutCurrency !== key ? LOOKUP.get(withoutCurrency) : undefined;
}
