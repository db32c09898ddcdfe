import { z } from 'zod';

const parameterValue = z.union([z.string(), z.number(), z.boolean()]);

/** POST /session/v1/login-request body, as built by the driver's StateConnecting.continue. */
export const loginRequestSchema = z.object({
  data: z.looseObject({
    ACCOUNT_NAME: z.string().optional(),
    LOGIN_NAME: z.string().min(1),
    PASSWORD: z.string().optional(),
    AUTHENTICATOR: z.string().optional(),
    TOKEN: z.string().optional(),
    SESSION_PARAMETERS: z.record(z.string(), parameterValue.nullable()).optional(),
  }),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** One bind variable: `value` is an array for array binding (one entry per row). */
export const bindingSchema = z.object({
  type: z.string(),
  value: z.union([z.string(), z.null(), z.array(z.string().nullable())]),
});
export type Binding = z.infer<typeof bindingSchema>;

/** POST /queries/v1/query-request body (lib/connection/statement.js sendRequestPreExec). */
export const queryRequestSchema = z.looseObject({
  sqlText: z.string().min(1),
  bindings: z.record(z.string(), bindingSchema).optional(),
  bindStage: z.string().optional(),
  parameters: z.record(z.string(), parameterValue.nullable()).optional(),
  asyncExec: z.boolean().optional(),
  describeOnly: z.boolean().optional(),
});
export type QueryRequest = z.infer<typeof queryRequestSchema>;

/** POST /session/token-request (session renewal with the master token). */
export const tokenRequestSchema = z.looseObject({
  requestType: z.string(),
  oldSessionToken: z.string().optional(),
});

/** POST /__emulator/fail-next: the next `count` matching requests fail this way. */
export const failNextSchema = z
  .object({
    count: z.number().int().min(1).max(1000).default(1),
    /** HTTP status to answer with (e.g. 503: the driver retries 5xx itself, see README). */
    status: z.number().int().min(100).max(599).optional(),
    /** Snowflake error code to answer with HTTP 200 + success:false (surfaces immediately). */
    code: z.string().regex(/^\d{6}$/).optional(),
    message: z.string().optional(),
    sqlState: z.string().length(5).optional(),
    scope: z.enum(['any', 'login', 'query']).default('any'),
  })
  .refine((f) => f.status !== undefined || f.code !== undefined, 'give a status or a code');
export type FailNext = z.infer<typeof failNextSchema>;
