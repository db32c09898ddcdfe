import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_DIR, eventContractFiles } from './event-contracts.ts';

// `npm run contracts`: regenerates docs/contracts/ from the zod schemas (commit the result).
mkdirSync(CONTRACTS_DIR, { recursive: true });
for (const [name, content] of Object.entries(eventContractFiles())) {
  writeFileSync(join(CONTRACTS_DIR, name), content);
  process.stdout.write(`wrote ${join(CONTRACTS_DIR, name)}\n`);
}
