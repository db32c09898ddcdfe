import { readFile } from 'node:fs/promises';
import { parseMappingProfile, type MappingProfile } from '@ledgerline/ingestion';
import { UsageError } from '@ledgerline/config';

/** Reads and validates a mapping profile file (YAML, which includes JSON); problems are usage errors. */
export async function loadMappingProfile(path: string): Promise<MappingProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--profile: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseMappingProfile(text);
  } catch (error) {
    throw new UsageError(`--profile ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
