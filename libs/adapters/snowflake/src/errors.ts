import { z } from 'zod';

/** What the driver's errors tell about a failure, read defensively (they are plain objects). */
export interface SnowflakeErrorDetails {
  message: string;
  /** Snowflake error code ('002003', '390100') or driver code (401002 = request failed). */
  code: string | undefined;
  sqlState: string | undefined;
  /** HTTP status when the failure was an HTTP error answer (e.g. 503). */
  httpStatus: number | undefined;
}

const driverErrorSchema = z.looseObject({
  message: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  sqlState: z.string().optional(),
  response: z.looseObject({ statusCode: z.number().optional(), status: z.number().optional() }).optional(),
});

export function snowflakeErrorDetails(error: unknown): SnowflakeErrorDetails {
  const parsed = driverErrorSchema.safeParse(error);
  if (!parsed.success) return { message: String(error), code: undefined, sqlState: undefined, httpStatus: undefined };
  const { message, code, sqlState, response } = parsed.data;
  return {
    message: message ?? String(error),
    code: code === undefined ? undefined : String(code),
    sqlState,
    httpStatus: response?.statusCode ?? response?.status,
  };
}
