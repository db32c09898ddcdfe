import { normalizeHeader, roleOfHeader } from './column-roles.ts';

/** A column by position (0-based) and the name shown in errors (the header text, or `#3`). */
export interface ColumnRef {
  index: number;
  name: string;
}

export interface ColumnMapping {
  date: ColumnRef;
  time?: ColumnRef;
  /** Several description-like columns (payee, memo...) are joined in column order. */
  description: ColumnRef[];
  amount?: ColumnRef;
  debit?: ColumnRef;
  credit?: ColumnRef;
  /** A debit/credit indicator column (S/H, Af/Bij, DR/CR) that signs an unsigned amount. */
  direction?: ColumnRef;
  balance?: ColumnRef;
  currency?: ColumnRef;
  category?: ColumnRef;
  id?: ColumnRef;
}

/**
 * Maps a header row to column roles; undefined unless it names a date and an amount (one signed
 * amount column, or both debit and credit columns) — the test for "this row is the header".
 */
export function mapHeaderCells(cells: string[]): ColumnMapping | undefined {
  const best = new Map<string, { ref: ColumnRef; rank: number }>();
  const description: ColumnRef[] = [];
  cells.forEach((cell, index) => {
    const match = roleOfHeader(cell);
    if (!match) return;
    const ref = { index, name: cell.trim() };
    if (match.role === 'description') {
      description.push(ref);
      return;
    }
    const current = best.get(match.role);
    if (!current || match.rank < current.rank) best.set(match.role, { ref, rank: match.rank });
  });
  const get = (role: string): ColumnRef | undefined => best.get(role)?.ref;
  const date = get('date') ?? get('value_date');
  const amount = get('amount');
  const debit = get('debit');
  const credit = get('credit');
  if (!date || !(amount || (debit && credit))) return undefined;
  const mapping: ColumnMapping = { date, description };
  const optional = { time: get('time'), direction: get('direction'), balance: get('balance'), currency: get('currency'), category: get('category'), id: get('id') };
  if (amount) mapping.amount = amount;
  else {
    mapping.debit = debit;
    mapping.credit = credit;
  }
  for (const [key, ref] of Object.entries(optional)) if (ref) Object.assign(mapping, { [key]: ref });
  return mapping;
}

/** Finds a column named in a mapping profile: by header text (case/accents ignored) or 1-based number. */
export function resolveColumn(header: string[] | undefined, spec: string | number): ColumnRef | undefined {
  if (typeof spec === 'number') {
    const index = spec - 1;
    const name = header?.[index]?.trim();
    return { index, name: name ? name : `#${spec}` };
  }
  if (!header) return undefined;
  const wanted = normalizeHeader(spec);
  const index = header.findIndex((cell) => normalizeHeader(cell) === wanted);
  return index === -1 ? undefined : { index, name: (header[index] as string).trim() };
}

/** Largest column index the mapping reads; a data row must have at least this many fields. */
export function highestColumnIndex(mapping: ColumnMapping): number {
  const refs = [mapping.date, mapping.time, mapping.amount, mapping.debit, mapping.credit, mapping.direction, mapping.balance, mapping.currency, mapping.category, mapping.id, ...mapping.description];
  return Math.max(...refs.map((r) => r?.index ?? 0));
}
