import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decodeTransactionEvent, DLQ_HEADERS, deadLetterTopic } from '@ledgerline/ingestion';
import { PRICES_TOPIC } from '@ledgerline/market-data';
import { repoRoot } from '@ledgerline/testing';
import { CONTRACTS_DIR, eventContractFiles } from './event-contracts.ts';

const root = repoRoot();
const committed = (name: string) => readFileSync(join(root, CONTRACTS_DIR, name), 'utf8');

describe('published event contract (docs/contracts)', () => {
  it.each(Object.keys(eventContractFiles()))('%s is what the zod schemas and topic names generate (run `npm run contracts` if not)', (name) => {
    expect(existsSync(join(root, CONTRACTS_DIR, name)), `${CONTRACTS_DIR}/${name} is missing`).toBe(true);
    expect(committed(name)).toBe(eventContractFiles()[name]);
  });

  it('describes every topic, and every reference in it resolves', () => {
    const doc = parse(committed('asyncapi.yaml')) as {
      channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
      operations: Record<string, { channel: { $ref: string } }>;
      components: { messages: Record<string, { payload: { $ref?: string }; headers?: { properties: Record<string, unknown> } }> };
    };
    expect(Object.values(doc.channels).map((c) => c.address).sort()).toEqual(
      ['transactions', deadLetterTopic('transactions'), '{prefix}.{schema}.{table}', PRICES_TOPIC, deadLetterTopic(PRICES_TOPIC)].sort(),
    );
    for (const operation of Object.values(doc.operations)) expect(doc.channels[operation.channel.$ref.replace('#/channels/', '')]).toBeDefined();
    for (const channel of Object.values(doc.channels)) {
      for (const message of Object.values(channel.messages)) expect(doc.components.messages[message.$ref.replace('#/components/messages/', '')]).toBeDefined();
    }
    for (const message of Object.values(doc.components.messages)) {
      if (message.payload.$ref) expect(existsSync(join(root, CONTRACTS_DIR, message.payload.$ref)), message.payload.$ref).toBe(true);
    }
    // The DLQ's headers, the redelivery mark included, are part of the contract.
    expect(Object.keys(doc.components.messages.deadLetter?.headers?.properties ?? {}).sort()).toEqual(Object.values(DLQ_HEADERS).sort());
  });

  it('the example event in the README is a valid event', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = /<!-- example transaction event -->\s*```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README.md has the example event block').toBeDefined();
    const decoded = decodeTransactionEvent(Buffer.from(example ?? ''));
    expect(decoded.ok ? 'valid' : decoded.reason).toBe('valid');
  });
});
