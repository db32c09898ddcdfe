import { describe, expect, it } from 'vitest';
import { toWinAnsiText } from './win-ansi-text.ts';

describe('toWinAnsiText', () => {
  it('keeps what the PDF fonts can print', () => {
    expect(toWinAnsiText('Bäckerei Müller – Café “Noël” €5')).toBe('Bäckerei Müller – Café “Noël” €5');
  });

  it('drops accents the fonts lack and maps letters that do not decompose', () => {
    expect(toWinAnsiText('Taverna Wiśniewski, Łódź, Győr, Đorđe')).toBe('Taverna Wisniewski, Lódz, Gyor, Dorde');
  });

  it('replaces what has no Latin form', () => {
    expect(toWinAnsiText('Café 東京 ☕')).toBe('Café ?? ?');
  });
});
