/**
 * A connection URL with its password replaced, so banners and logs never show secrets. An
 * unparseable value is not echoed at all (it might be a secret pasted into the wrong variable).
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
