/**
 * OFX 1.x is SGML: leaf elements (`<TRNAMT>-12.50`) have no end tag, aggregates do. This closes
 * every leaf whose end tag is missing, right after its value, and escapes a bare `&` (`AT&T`),
 * so the result is XML with the same line breaks (errors keep their line numbers). OFX 2.x
 * (already XML) passes through unchanged apart from bare ampersands.
 *
 * CDATA sections (Suncorp writes `<NAME><![CDATA[EFTPOS WDL ...]]></NAME>`) become escaped text
 * first: before, the tag scan skipped them and the payee and memo were silently lost. Anything
 * else between tags that is not a tag (a comment, a stray `<`) is kept as it is, so the XML
 * parser sees it and refuses a malformed file with its line, instead of text vanishing.
 */
export function sgmlToXml(source: string): string {
  const body = source.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => escapeMarkup(text));
  const tag = /<(\/?)([A-Za-z0-9._]+)\s*>([^<]*)/g;
  const out: string[] = [];
  const matches = Array.from(body.matchAll(tag));
  out.push(body.slice(0, matches[0]?.index ?? body.length));
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i] as RegExpExecArray;
    const previous = matches[i - 1];
    if (previous !== undefined) out.push(body.slice(previous.index + previous[0].length, match.index));
    const [, slash, name, rawText] = match as unknown as [string, string, string, string];
    const value = rawText.trim();
    if (slash || value === '') {
      out.push(`<${slash}${name}>${escapeAmpersands(rawText)}`);
      continue;
    }
    const next = matches[i + 1];
    const closedExplicitly = next !== undefined && next[1] === '/' && next[2]?.toUpperCase() === name.toUpperCase();
    if (closedExplicitly) {
      out.push(`<${name}>${escapeAmpersands(rawText)}`);
      continue;
    }
    const start = rawText.indexOf(value);
    out.push(`<${name}>${rawText.slice(0, start)}${escapeAmpersands(value)}</${name}>${rawText.slice(start + value.length)}`);
  }
  const last = matches.at(-1);
  if (last !== undefined) out.push(body.slice(last.index + last[0].length));
  return out.join('');
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAmpersands(text: string): string {
  return text.replace(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
}
