import { describe, expect, it } from 'vitest';
import { parseMappingProfile } from './mapping-profile.ts';

describe('parseMappingProfile', () => {
  it('accepts YAML and JSON text and objects', () => {
    const yaml = `
name: sparkasse
delimiter: ";"
encoding: windows-1252
headerRow: 7
columns:
  date: Buchungstag
  description: [Beguenstigter/Zahlungspflichtiger, Verwendungszweck]
  amount: Betrag
dateFormat: DD.MM.YY
decimalSeparator: ","
`;
    expect(parseMappingProfile(yaml)).toEqual({
      name: 'sparkasse',
      delimiter: ';',
      encoding: 'windows-1252',
      headerRow: 7,
      columns: { date: 'Buchungstag', description: ['Beguenstigter/Zahlungspflichtiger', 'Verwendungszweck'], amount: 'Betrag' },
      dateFormat: 'DD.MM.YY',
      decimalSeparator: ',',
    });
    expect(parseMappingProfile('{"delimiter": "tab", "dateFormat": "MM/DD/YYYY"}')).toEqual({ delimiter: '\t', dateFormat: 'MM/DD/YYYY' });
    expect(parseMappingProfile({ columns: { date: 1, debit: 3, credit: 4 }, signConvention: 'positive-is-out' })).toMatchObject({ signConvention: 'positive-is-out' });
  });

  it('explains what is wrong', () => {
    expect(() => parseMappingProfile({ columns: { date: 'Date' } })).toThrow(/columns: columns need either amount, or both debit and credit/);
    expect(() => parseMappingProfile({ columns: { date: 'Date', amount: 'A', debit: 'D', credit: 'C' } })).toThrow(/not both styles/);
    expect(() => parseMappingProfile({ delimiter: ':' })).toThrow(/invalid mapping profile: delimiter/);
    expect(() => parseMappingProfile({ dateFormat: 'DD/MM' })).toThrow(/year token/);
    expect(() => parseMappingProfile({ headerRow: 0, columns: { date: 'Date', amount: 2 } })).toThrow(/must be given by number/);
    expect(() => parseMappingProfile({ bogus: true })).toThrow(/invalid mapping profile/);
  });
});
