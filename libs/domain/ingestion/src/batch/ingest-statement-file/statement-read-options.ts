import type { DetectedDialect } from '../../statements/csv/detected-dialect.ts';
import type { MappingProfile } from '../../statements/csv/mapping-profile.ts';

/** What the readers need to turn one file's rows into transactions. */
export interface StatementReadOptions {
  /** Base name, for source_ref and error messages. */
  file: string;
  profile?: MappingProfile;
  /** The operator's account for foreign statements (`--account`, else the profile's). */
  account?: string;
  /** The account's currency for rows the file gives none: the stored account's, else `--currency`. */
  defaultCurrency?: string;
  baseCurrency: string;
  /** The operator's encoding (`--encoding`, a WHATWG label): wins over detection. */
  encoding?: string;
}

/** What a reader has learnt about the file so far: kept for the quarantine report when it fails. */
export interface ReadContext {
  dialect?: DetectedDialect;
  account_id?: string;
  encoding?: string;
  /** A structured statement's own facts, once read. */
  statement?: { account: string | null; currency: string | null; entries: number };
}
