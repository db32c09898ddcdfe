let counter = 0;

/**
 * A name no other test (in this or a parallel process) will pick, valid everywhere we use it:
 * Postgres identifiers (lowercase, <= 63 chars), Kafka topics and Chroma collections
 * ([a-z0-9_], starts and ends alphanumeric). Underscores only, since Kafka warns on mixing `.` and `_`.
 */
export function uniqueName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 30);
  counter += 1;
  const random = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  const suffix = `${Date.now().toString(36)}_${process.pid.toString(36)}_${counter.toString(36)}${random}`;
  return `${clean || 't'}_${suffix}`;
}
