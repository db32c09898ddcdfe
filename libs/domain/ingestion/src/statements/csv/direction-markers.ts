/** Cell values of a debit/credit indicator column (S/H, Soll/Haben, D/C, Dr/Cr, Af/Bij, +/-), lower case. */
export const OUT_MARKERS = new Set(['s', 'soll', 'd', 'dr', 'db', 'debit', 'debet', 'af', '-', 'out', 'withdrawal']);
export const IN_MARKERS = new Set(['h', 'haben', 'c', 'cr', 'credit', 'bij', '+', 'in', 'deposit']);

export function isDirectionMarker(cell: string): boolean {
  const value = cell.trim().toLowerCase();
  return OUT_MARKERS.has(value) || IN_MARKERS.has(value);
}
