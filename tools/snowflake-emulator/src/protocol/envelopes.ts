/**
 * Response bodies in the shape Snowflake's REST API uses: `{ data, code, message, success }`.
 * The driver only parses bodies sent as `application/json` (see http/send-json.ts).
 */
export interface SnowflakeEnvelope {
  data: unknown;
  code: string | null;
  message: string | null;
  success: boolean;
}

export function ok(data: unknown): SnowflakeEnvelope {
  return { data, code: null, message: null, success: true };
}

export function failure(code: string, message: string, data: Record<string, unknown> = {}): SnowflakeEnvelope {
  return { data: { errorCode: code, internalError: false, ...data }, code, message, success: false };
}

/** Session-level error codes the driver reacts to (lib/constants/gs_errors.js). */
export const SESSION_GONE = '390111';
export const INCORRECT_USERNAME_PASSWORD = '390100';
export const JWT_INVALID = '390144';
