import { describe, expect, it } from 'vitest';
import { CATEGORIES, isKnownSubcategory } from './categories.ts';
import { MCC_TABLE, lookupMcc } from './mcc-table.ts';
import { mccTableCsv } from './mcc-table-csv.ts';

/** Minimal RFC 4180 reader, enough to check that the CSV round-trips (quotes, commas). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

describe('MCC table', () => {
  it('holds at least 150 unique four-digit ISO 18245 codes, sorted', () => {
    const codes = MCC_TABLE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(150);
    for (const code of codes) expect(code).toMatch(/^\d{4}$/);
    expect([...codes].sort()).toEqual(codes);
  });

  it('maps every code to a known category and a subcategory of that category', () => {
    for (const entry of MCC_TABLE) {
      expect(CATEGORIES).toContain(entry.category);
      expect(isKnownSubcategory(entry.category, entry.subcategory), `${entry.code} ${entry.category}/${entry.subcategory}`).toBe(true);
      expect(entry.description.trim().length).toBeGreaterThan(3);
    }
  });

  it('carries the well-known codes with their expected categories', () => {
    expect(lookupMcc('5411')).toMatchObject({ category: 'Groceries', subcategory: 'Supermarkets' });
    expect(lookupMcc('5812')).toMatchObject({ category: 'Dining', subcategory: 'Restaurants' });
    expect(lookupMcc('4111')).toMatchObject({ category: 'Transport', subcategory: 'Public Transport' });
    expect(lookupMcc('4900')).toMatchObject({ category: 'Utilities' });
    expect(lookupMcc('6011')).toMatchObject({ category: 'Cash', subcategory: 'ATM Withdrawals' });
    expect(lookupMcc('0742')?.description).toBe('Veterinary Services');
    expect(lookupMcc('0000')).toBeUndefined();
  });

  it('renders as CSV that parses back to the table, keeping leading zeros and quoted commas', () => {
    const csv = mccTableCsv();
    expect(csv.endsWith('\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['mcc', 'description', 'category', 'subcategory']);
    expect(rows).toEqual(MCC_TABLE.map((e) => [e.code, e.description, e.category, e.subcategory]));
    expect(csv).toContain('\n0742,Veterinary Services,Shopping,Pets\n');
    expect(csv).toMatch(/\n5812,Eating Places and Restaurants,Dining,Restaurants\n/);
    expect(csv).toMatch(/\n4111,"Local and Suburban Commuter Passenger Transportation, including Ferries",Transport,Public Transport\n/);
  });
});
