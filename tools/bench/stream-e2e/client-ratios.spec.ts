import { describe, expect, it } from 'vitest';
import { bareConsumeName, clientRatios, labelled } from './client-ratios.ts';

const run = [
  { name: 'end-to-end', value: 60_000, unit: 'events/s' },
  ...labelled([{ name: 'end-to-end', value: 45_000, unit: 'events/s' }], 'platformatic'),
  { name: 'sink only (pre-filled topic)', value: 70_000, unit: 'events/s' },
  ...labelled([{ name: 'sink only (pre-filled topic)', value: 56_000, unit: 'events/s' }], 'platformatic'),
  { name: bareConsumeName('kafkajs'), value: 1_000_000, unit: 'events/s' },
  { name: bareConsumeName('platformatic'), value: 500_000, unit: 'events/s' },
];

describe('stream-e2e client ratios', () => {
  it('names kafkajs metrics as before and labels the other clients', () => {
    expect(labelled([{ name: 'end-to-end', value: 1, unit: 'x' }], 'kafkajs')[0]?.name).toBe('end-to-end');
    expect(labelled([{ name: 'end-to-end', value: 1, unit: 'x' }], 'platformatic')[0]?.name).toBe('end-to-end [platformatic]');
    expect(bareConsumeName('kafkajs')).toBe('bare kafkajs consume (no sink)');
  });

  it('reports e2e over both bare consumes and every phase of a client over kafkajs', () => {
    expect(Object.fromEntries(clientRatios(run, ['kafkajs', 'platformatic']).map((m) => [m.name, m.value]))).toEqual({
      'end-to-end / bare kafkajs consume': 6,
      'end-to-end / bare kafkajs consume [platformatic]': 4.5,
      'end-to-end / bare platformatic consume [platformatic]': 9,
      'platformatic / kafkajs: end-to-end': 75,
      'platformatic / kafkajs: sink only (pre-filled topic)': 80,
      'platformatic / kafkajs: bare consume': 50,
    });
  });

  it('leaves out a ratio whose phase was not measured', () => {
    const withoutBare = run.filter((m) => !m.name.startsWith('bare'));
    expect(clientRatios(withoutBare, ['kafkajs', 'platformatic']).map((m) => m.name)).toEqual([
      'platformatic / kafkajs: end-to-end',
      'platformatic / kafkajs: sink only (pre-filled topic)',
    ]);
  });
});
