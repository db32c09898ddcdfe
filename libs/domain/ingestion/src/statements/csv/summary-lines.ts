import { normalizeHeader } from './column-roles.ts';
import type { ColumnMapping } from './column-mapping.ts';
import type { CsvRecord } from './csv-tokenizer.ts';
import { IN_MARKERS, OUT_MARKERS } from './direction-markers.ts';
import { parseMoneyCell, type DecimalSeparator } from './money-cell.ts';

export type SummaryKind = 'opening' | 'closing' | 'total';

/** A balance line of the export, read as a signed amount in cents (undefined when its amount cell is empty). */
export interface SummaryLine {
  kind: SummaryKind;
  line: number;
  cents?: bigint;
}

// Phrases after normalizeHeader (lower case, no accents or punctuation). A cell that is one of
// them, or starts with one followed by more words ("Kontostand am 31.03."), marks the line.
const PHRASES: Record<SummaryKind, string[]> = {
  opening: [
    'anfangssaldo', 'alter kontostand', 'alter saldo', 'saldo alt', 'opening balance', 'balance brought forward', 'brought forward',
    'previous balance', 'starting balance', 'beginning balance', 'saldo anterior', 'saldo inicial', 'solde initial', 'solde precedent',
    'ancien solde', 'beginsaldo', 'startsaldo', 'saldo iniziale', 'nyito egyenleg', 'nyito egyenleg', 'saldo poczatkowe',
    'входящий остаток', 'начальный остаток',
  ],
  closing: [
    'endsaldo', 'schlusssaldo', 'neuer kontostand', 'neuer saldo', 'saldo neu', 'closing balance', 'balance carried forward',
    'carried forward', 'ending balance', 'new balance', 'saldo final', 'solde final', 'nouveau solde', 'eindsaldo', 'saldo finale',
    'zaro egyenleg', 'saldo koncowe', 'исходящий остаток', 'конечный остаток',
  ],
  total: ['total', 'totals', 'summe', 'gesamt', 'gesamtsumme', 'totaal', 'osszesen', 'suma', 'итого', '合計', '합계', '合计'],
};
const LOOKUP = new Map<string, SummaryKind>(
  (Object.entries(PHRASES) as [SummaryKind, string[]][]).flatMap(([kind, phrases]) => phrases.map((p) => [normalizeHeader(p), kind] as [string, SummaryKind])),
);

/**
 * A row that is not a transaction but the export's own opening or closing balance, or a total
 * ("Anfangssaldo", "Endsaldo", "Opening balance", "Summe"...), in any text cell. Balance lines
 * are recognised wherever they stand (banks date them); a total only when its date cell is empty,
 * since a merchant may be called "Total".
 */
export function summaryLineOf(record: CsvRecord, mapping: ColumnMapping, decimal: DecimalSeparator | undefined): SummaryLine | undefined {
  let kind: SummaryKind | undefined;
  for (const [index, cell] of record.fields.entries()) {
    if (index === mapping.amount?.index || index === mapping.debit?.index || index === mapping.credit?.index) continue;
    const key = normalizeHeader(cell);
    if (key === '') continue;
    kind = LOOKUP.get(key) ?? [...LOOKUP.entries()].find(([phrase, k]) => k !== 'total' && key.startsWith(`${phrase} `))?.[1];
    if (kind) break;
  }
  if (!kind) return undefined;
  if (kind === 'total' && (record.fields[mapping.date.index] ?? '').trim() !== '') return undefined;
  const summary: SummaryLine = { kind, line: record.line };
  const cents = signedCents(record, mapping, decimal);
  if (cents !== undefined) summary.cents = cents;
  return summary;
}

function signedCents(record: CsvRecord, mapping: ColumnMapping, decimal: DecimalSeparator | undefined): bigint | undefined {
  const read = (index: number | undefined) => (index === undefined ? undefined : parseMoneyCell(record.fields[index] ?? '', decimal));
  if (mapping.amount) {
    const cell = read(mapping.amount.index);
    if (cell?.kind !== 'money') return undefined;
    const marker = mapping.direction ? (record.fields[mapping.direction.index] ?? '').trim().toLowerCase() : '';
    const abs = cell.cents < 0n ? -cell.cents : cell.cents;
    return OUT_MARKERS.has(marker) ? -abs : IN_MARKERS.has(marker) ? abs : cell.cents;
  }
  const debit = read(mapping.debit?.index);
  const credit = read(mapping.credit?.index);
  if (debit?.kind === 'money' && debit.cents !== 0n) return debit.cents < 0n ? debit.cents : -debit.cents;
  if (credit?.kind === 'money') return credit.cents < 0n ? -credit.cents : credit.cents;
  return undefined;
}
