import { MCC_TABLE } from './mcc-table.ts';

export const MCC_CSV_COLUMNS = ['mcc', 'description', 'category', 'subcategory'] as const;

/** RFC 4180: quote a field only when it holds a comma, quote or line break; double inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The MCC table as CSV text (header row, `\n` line endings, trailing newline), used as the dbt
 * seed `mcc_categories`. The `mcc` column holds codes with leading zeros ("0742"): the seed must
 * declare it as a string column, not an integer.
 */
export function mccTableCsv(): string {
  const lines = [MCC_CSV_COLUMNS.join(',')];
  for (const entry of MCC_TABLE) {
    lines.push([entry.code, entry.description, entry.category, entry.subcategory].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
