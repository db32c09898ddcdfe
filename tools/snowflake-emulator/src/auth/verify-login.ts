import { z } from 'zod';
import { INCORRECT_USERNAME_PASSWORD, JWT_INVALID } from '../protocol/envelopes.ts';
import type { LoginRequest } from '../protocol/request-schemas.ts';

/** A user the emulator knows. Without `password` the user can only log in with a key pair. */
export interface EmulatorUser {
  name: string;
  password?: string;
}

export type LoginCheck = { ok: true; user: string } | { ok: false; code: string; message: string };

// The driver's AuthKeypair signs { iss: ACCOUNT.USER.SHA256:<fp>, sub: ACCOUNT.USER, iat, exp }.
const jwtPayloadSchema = z.object({ iss: z.string(), sub: z.string() });

const rejected = (code: string, message: string): LoginCheck => ({ ok: false, code, message });
const badCredentials = () => rejected(INCORRECT_USERNAME_PASSWORD, 'Incorrect username or password was specified.');

/**
 * Checks a login request. With configured users only they may log in, a password must match
 * and a key-pair JWT must name the same user; with no users configured any login succeeds.
 * The JWT signature is not verified: this is a test fixture, not a security boundary.
 */
export function verifyLogin(request: LoginRequest, users: ReadonlyMap<string, EmulatorUser>): LoginCheck {
  const login = request.data.LOGIN_NAME.toUpperCase();
  const known = users.get(login);
  if (users.size > 0 && !known) return badCredentials();
  const authenticator = (request.data.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();

  if (authenticator === 'SNOWFLAKE') {
    if (request.data.PASSWORD === undefined) return badCredentials();
    if (known && known.password !== request.data.PASSWORD) return badCredentials();
    return { ok: true, user: login };
  }
  if (authenticator === 'SNOWFLAKE_JWT') {
    const payload = decodeJwtPayload(request.data.TOKEN);
    if (!payload) return rejected(JWT_INVALID, 'JWT token is invalid.');
    const subjectUser = payload.sub.split('.').at(-1)?.toUpperCase();
    const issuerUser = payload.iss.split('.')[1]?.toUpperCase();
    if (subjectUser !== login || issuerUser !== login) return rejected(JWT_INVALID, 'JWT token is invalid.');
    return { ok: true, user: login };
  }
  return rejected(INCORRECT_USERNAME_PASSWORD, `Authenticator ${authenticator} is not supported by the emulator.`);
}

function decodeJwtPayload(token: string | undefined): z.infer<typeof jwtPayloadSchema> | undefined {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const parsed = jwtPayloadSchema.safeParse(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
