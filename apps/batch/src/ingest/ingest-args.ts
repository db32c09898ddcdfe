import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@ledgerline/config';

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ingestArgsSchema = z
  .object({
    watch: z.boolean().default(false),
    /** Incoming folder; default DATA_DIR/incoming. processed/ and quarantine/ are its siblings unless given. */
    dir: z.string().min(1).optional(),
    processed: z.string().min(1).optional(),
    quarantine: z.string().min(1).optional(),
    /** Mapping profile (JSON or YAML) for a foreign bank's CSV export. */
    profile: z.string().min(1).optional(),
    /** Account of foreign statements (overrides the profile's). */
    account: z.string().min(1).max(40).optional(),
    /** The account's currency, for rows whose file states none and whose account is not stored; no default. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').optional(),
    /** Encoding of the files (a WHATWG label such as windows-1252, euc-jp, utf-16le): wins over detection. */
    encoding: z
      .string()
      .min(1)
      .refine((label) => isEncodingLabel(label), 'unknown encoding label (try utf-8, windows-1252, iso-8859-2, euc-jp, euc-kr, gb18030, shift_jis, utf-16le)')
      .optional(),
    'chunk-size': positiveInt(100, 100_000).default(10_000),
    /** --watch: a file is taken once its size has been stable this long. */
    'stable-ms': positiveInt(0, 600_000).default(1_000),
    /** --watch: a stable file that does not look finished (no </OFX>, last line without line end) is waited for this long. */
    'incomplete-ms': positiveInt(0, 86_400_000).default(300_000),
    /** --watch: full rescan interval under the file-system events. */
    'rescan-ms': positiveInt(100, 3_600_000).default(10_000),
    json: z.boolean().default(false),
  })
  .strict();

export type IngestArgs = z.infer<typeof ingestArgsSchema>;

export const INGEST_USAGE = `usage: nx run batch:serve -- ingest [--watch] [--dir <incoming>] [--processed <dir>] [--quarantine <dir>]
                                     [--profile <mapping.json|yaml>] [--account <id>] [--currency <ccy>] [--encoding <label>]
                                     [--chunk-size <rows>] [--stable-ms <ms>] [--incomplete-ms <ms>] [--rescan-ms <ms>] [--json]
Loads every statement file (CSV, PDF, OFX/QFX, QIF, CAMT.053 or MT940, detected by content) in --dir (default DATA_DIR/incoming)
exactly once: each file in one database transaction with its sha256 in ingested_files. Loaded and
already-loaded files move to processed/, refused ones to quarantine/ with <name>.error.json.
processed/ and quarantine/ default to siblings of --dir. Foreign exports (every format but our own
CSV/PDF statements) need --account or a profile with "account". A file stating no currency gets the
account's stored currency, else --currency; with neither it is refused (never BASE_CURRENCY). --encoding names the files' text
encoding when detection cannot tell. --watch keeps watching (file-system events plus a rescan every --rescan-ms)
until SIGINT/SIGTERM; it takes a file once its size and mtime have been stable for --stable-ms and it
looks finished for its format (</OFX>, </Document>, a closing :62F:, a closing '^', a last line with its
line end), waiting up to --incomplete-ms (default 5 min) for a writer that paused. Exit code without --watch: 0 if every file was loaded or already loaded,
1 if any was quarantined or failed.`;

/** Command-line flags of `ingest`, validated; every problem is reported at once. */
export function parseIngestArgs(argv: string[]): IngestArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        watch: { type: 'boolean' },
        dir: { type: 'string' },
        processed: { type: 'string' },
        quarantine: { type: 'string' },
        profile: { type: 'string' },
        account: { type: 'string' },
        currency: { type: 'string' },
        encoding: { type: 'string' },
        'chunk-size': { type: 'string' },
        'stable-ms': { type: 'string' },
        'rescan-ms': { type: 'string' },
        'incomplete-ms': { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = ingestArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

function isEncodingLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
