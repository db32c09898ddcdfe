import { token } from '@ledgerline/di';
import type { LandedObjectName } from '../load/landed-object-key.ts';

export type InspectionResult = { ok: true; rows: number } | { ok: false; reason: string };

/**
 * Reads a landed file completely before anything is loaded from it: it must be a readable
 * Parquet file with the agreed columns (LANDING_COLUMNS in landing/landing-file.ts), every value decodable, and rows
 * that belong to the object's name (its table, partition and offset range, offsets increasing).
 * A bad file is `{ ok: false, reason }`; only I/O trouble throws (then the load is retried).
 */
export interface LandingFileInspector {
  inspect(name: LandedObjectName, body: Uint8Array): Promise<InspectionResult>;
}

export const LANDING_FILE_INSPECTOR = token<LandingFileInspector>('LandingFileInspector');
