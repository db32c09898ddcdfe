import { describe, expect, it } from 'vitest';
import { SEED_ASSETS } from '../assets/seed-assets.ts';
import { mentionedSymbols } from './mentioned-symbols.ts';

describe('mentionedSymbols', () => {
  it('finds cashtags, tickers in parentheses and capitalised names', () => {
    expect(mentionedSymbols('$SOL and Ethereum rally; Tesla Inc. (TSLA) slips', SEED_ASSETS)).toEqual(['ETH', 'SOL', 'TSLA']);
    expect(mentionedSymbols('Microsoft beats estimates', SEED_ASSETS)).toEqual(['MSFT']);
  });

  it('does not tag ordinary words or bare short tickers', () => {
    expect(mentionedSymbols('OP-ED: why stacks of V-shaped recoveries matter to the dai-ly reader', SEED_ASSETS)).toEqual([]);
    expect(mentionedSymbols('bitcoin in lower case is still prose; Bitcoinist is another word', SEED_ASSETS)).toEqual([]);
  });
});
