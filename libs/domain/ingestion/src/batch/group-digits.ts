/**
 * An integer count with comma thousands separators (`1234567` -> `1,234,567`), as `toLocaleString('en')`
 * prints it, without ICU.
 *
 * Why: the first `Number.prototype.toLocaleString` or `Intl.NumberFormat` of a process loads
 * ICU's locale data from the node binary: ~7 MB more RSS for the rest of the process. A
 * `batch ingest` of a 10-row file paid it for its progress and summary lines alone (its peak-RSS
 * target is 150 MB: docs/statement-import.md "Memory").
 */
export function groupDigits(count: number): string {
  if (!Number.isSafeInteger(count)) return String(count);
  const digits = Math.abs(count).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return count < 0 ? `-${digits}` : digits;
}
