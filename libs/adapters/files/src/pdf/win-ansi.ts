// The standard PDF fonts (Helvetica) print WinAnsi (Windows-1252) only; pdfkit silently draws
// anything else as a missing glyph. A statement must never show something other than its data.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function firstUnprintable(text: string): string | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    const printable = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch);
    if (!printable) return ch;
  }
  return undefined;
}
