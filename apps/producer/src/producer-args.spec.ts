import { describe, expect, it } from 'vitest';
import { parseProducerArgs } from './producer-args.ts';
import { UsageError } from '@ledgerline/config';

describe('parseProducerArgs', () => {
  it('reads rate, duration, count and poison rate', () => {
    expect(parseProducerArgs(['--rate', '5000', '--duration', '60', '--count', '1000', '--poison-rate', '0.01'])).toEqual({
      rate: 5000,
      duration: 60,
      count: 1000,
      'poison-rate': 0.01,
      customers: 1000,
    });
  });

  it('defaults to max speed, no poison, until stopped', () => {
    expect(parseProducerArgs([])).toEqual({ 'poison-rate': 0, customers: 1000 });
  });

  it('names every bad flag', () => {
    expect(() => parseProducerArgs(['--rate', 'fast', '--poison-rate', '2'])).toThrow(/--rate[\s\S]*--poison-rate/);
    expect(() => parseProducerArgs(['--unknown', '1'])).toThrow(UsageError);
    expect(() => parseProducerArgs(['--start-month', '2025-13'])).toThrow(/YYYY-MM/);
  });
});
