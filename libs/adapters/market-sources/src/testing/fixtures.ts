import { readFileSync } from 'node:fs';

/** A recorded response body from ./fixtures (written from the API's documented shape). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
