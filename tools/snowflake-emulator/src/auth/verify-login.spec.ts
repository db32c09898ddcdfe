import { describe, expect, it } from 'vitest';
import type { LoginRequest } from '../protocol/request-schemas.ts';
import { verifyLogin, type EmulatorUser } from './verify-login.ts';

const users = new Map<string, EmulatorUser>([
  ['LOADER', { name: 'loader', password: 'secret' }],
  ['KEYONLY', { name: 'keyonly' }],
]);

const passwordLogin = (login: string, password?: string): LoginRequest => ({
  data: { LOGIN_NAME: login, ...(password === undefined ? {} : { PASSWORD: password }) },
});

/** An unsigned JWT shaped like the driver's (signature is not checked by the emulator). */
function jwtLogin(login: string, subjectUser: string): LoginRequest {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { iss: `ACME.${subjectUser}.SHA256:abc`, sub: `ACME.${subjectUser}`, iat: 1, exp: 2 };
  return { data: { LOGIN_NAME: login, AUTHENTICATOR: 'SNOWFLAKE_JWT', TOKEN: `${part({ alg: 'RS256' })}.${part(payload)}.sig` } };
}

describe('verifyLogin', () => {
  it('accepts the configured password, case-insensitively for the user name', () => {
    expect(verifyLogin(passwordLogin('Loader', 'secret'), users)).toEqual({ ok: true, user: 'LOADER' });
  });

  it('rejects a wrong password, a missing password and an unknown user', () => {
    const rejected = { ok: false, code: '390100', message: 'Incorrect username or password was specified.' };
    expect(verifyLogin(passwordLogin('loader', 'wrong'), users)).toEqual(rejected);
    expect(verifyLogin(passwordLogin('loader'), users)).toEqual(rejected);
    expect(verifyLogin(passwordLogin('nobody', 'secret'), users)).toEqual(rejected);
    expect(verifyLogin(passwordLogin('keyonly', 'anything'), users)).toEqual(rejected);
  });

  it('accepts a key-pair JWT only when it names the logging-in user', () => {
    expect(verifyLogin(jwtLogin('keyonly', 'KEYONLY'), users)).toEqual({ ok: true, user: 'KEYONLY' });
    expect(verifyLogin(jwtLogin('keyonly', 'LOADER'), users)).toMatchObject({ ok: false, code: '390144' });
    const garbage: LoginRequest = { data: { LOGIN_NAME: 'keyonly', AUTHENTICATOR: 'SNOWFLAKE_JWT', TOKEN: 'not-a-jwt' } };
    expect(verifyLogin(garbage, users)).toMatchObject({ ok: false, code: '390144' });
  });

  it('lets anyone in when no users are configured, but still needs credentials', () => {
    expect(verifyLogin(passwordLogin('whoever', 'x'), new Map())).toEqual({ ok: true, user: 'WHOEVER' });
    expect(verifyLogin(passwordLogin('whoever'), new Map())).toMatchObject({ ok: false });
  });

  it('rejects authenticators it does not emulate', () => {
    const oauth: LoginRequest = { data: { LOGIN_NAME: 'loader', AUTHENTICATOR: 'OAUTH', TOKEN: 't' } };
    expect(verifyLogin(oauth, users)).toMatchObject({ ok: false, message: expect.stringMatching(/OAUTH is not supported/) });
  });
});
