import { z } from 'zod';
import type { LedgerlineEnv } from '@ledgerline/config';

/**
 * How to reach Snowflake. Validated because it comes straight from the environment
 * (SNOWFLAKE_* variables, see snowflakeConfigFromEnv). Exactly one of `password` and
 * `privateKeyPath` selects password or key-pair (JWT) authentication.
 */
export const snowflakeConfigSchema = z
  .object({
    account: z.string().trim().min(1),
    username: z.string().trim().min(1),
    password: z.string().min(1).optional(),
    /** PEM private key for key-pair authentication (SNOWFLAKE_JWT). */
    privateKeyPath: z.string().min(1).optional(),
    privateKeyPassphrase: z.string().min(1).optional(),
    role: z.string().min(1).optional(),
    warehouse: z.string().min(1).optional(),
    database: z.string().min(1).default('LEDGERLINE'),
    schema: z.string().min(1).default('RAW'),
    /** Only for the local emulator (tests): real accounts derive the URL from `account`. */
    accessUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** QUERY_TAG of the session, so warehouse-side query history shows who ran what. */
    queryTag: z.string().min(1).max(2000).optional(),
    /** Login attempts the driver retries on 5xx/network errors before failing (driver default 7). */
    maxLoginRetries: z.number().int().min(0).max(20).default(7),
    /** The driver's own logger (file snowflake.log in the working directory when on). */
    driverLogLevel: z.enum(['OFF', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']).default('OFF'),
  })
  .refine((c) => (c.password === undefined) !== (c.privateKeyPath === undefined), {
    message: 'set exactly one of password and privateKeyPath',
    path: ['password'],
  });

export type SnowflakeConfig = z.output<typeof snowflakeConfigSchema>;
export type SnowflakeConfigInput = z.input<typeof snowflakeConfigSchema>;

/** Which environment variable feeds which setting, for error messages. */
const ENV_NAMES: Record<string, string> = {
  account: 'SNOWFLAKE_ACCOUNT',
  username: 'SNOWFLAKE_USER',
  password: 'SNOWFLAKE_PASSWORD',
  privateKeyPath: 'SNOWFLAKE_PRIVATE_KEY_PATH',
  privateKeyPassphrase: 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE',
  role: 'SNOWFLAKE_ROLE',
  warehouse: 'SNOWFLAKE_WAREHOUSE',
  database: 'SNOWFLAKE_DATABASE',
  schema: 'SNOWFLAKE_SCHEMA',
  accessUrl: 'SNOWFLAKE_ACCESS_URL',
};

/** The SNOWFLAKE_* variables a connection is made of (the adapter's whole set: SnowflakeEnv). */
export type SnowflakeConnectionEnv = Pick<
  LedgerlineEnv,
  | 'SNOWFLAKE_ACCOUNT'
  | 'SNOWFLAKE_USER'
  | 'SNOWFLAKE_PASSWORD'
  | 'SNOWFLAKE_PRIVATE_KEY_PATH'
  | 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE'
  | 'SNOWFLAKE_ROLE'
  | 'SNOWFLAKE_WAREHOUSE'
  | 'SNOWFLAKE_DATABASE'
  | 'SNOWFLAKE_SCHEMA'
  | 'SNOWFLAKE_ACCESS_URL'
>;

/**
 * Builds the adapter configuration from the validated Ledgerline environment. Throws an error
 * naming the SNOWFLAKE_* variables to fix (never their values) when it is incomplete.
 */
export function snowflakeConfigFromEnv(env: SnowflakeConnectionEnv): SnowflakeConfig {
  const input: Record<string, unknown> = {
    account: env.SNOWFLAKE_ACCOUNT,
    username: env.SNOWFLAKE_USER,
    password: env.SNOWFLAKE_PASSWORD,
    privateKeyPath: env.SNOWFLAKE_PRIVATE_KEY_PATH,
    privateKeyPassphrase: env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE,
    role: env.SNOWFLAKE_ROLE,
    warehouse: env.SNOWFLAKE_WAREHOUSE,
    database: env.SNOWFLAKE_DATABASE,
    schema: env.SNOWFLAKE_SCHEMA,
    accessUrl: env.SNOWFLAKE_ACCESS_URL,
  };
  const parsed = snowflakeConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return `${ENV_NAMES[field] ?? field} ${input[field] === undefined ? 'is not set' : `is invalid (${issue.message})`}`;
  });
  throw new Error(
    `Snowflake is not configured: ${problems.join('; ')}. Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and one of ` +
      'SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY_PATH (see libs/adapters/snowflake/README.md).',
  );
}
