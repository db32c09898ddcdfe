/** Arrays longer than `cap` become `{ rows: first cap, total, truncated: true }`; anything else passes. */
export function capRows(result: unknown, cap: number): unknown {
  if (!Array.isArray(result) || result.length <= cap) return result;
  return { rows: result.slice(0, cap), total: result.length, truncated: true };
}
