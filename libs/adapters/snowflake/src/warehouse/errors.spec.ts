import { describe, expect, it } from 'vitest';
import { WarehouseUnavailableError } from '@ledgerline/warehouse-sync';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { SnowflakeLoginError, classifySnowflakeError, describeSnowflakeError, snowflakeFailureKind, toDomainFailure } from './errors.ts';

const driverError = (code: string | number, extra: object = {}) => Object.assign(new Error(`failed ${code}`), { code, ...extra });

describe('classifySnowflakeError', () => {
  it('retries transient Snowflake codes on the same session', () => {
    expect(classifySnowflakeError(driverError('000625'))).toBe('retry');
    expect(classifySnowflakeError(driverError('000604'))).toBe('retry');
  });

  it('reconnects when the session or the network is gone', () => {
    expect(classifySnowflakeError(driverError('390111'))).toBe('reconnect');
    expect(classifySnowflakeError(driverError(401001))).toBe('reconnect');
    expect(classifySnowflakeError(driverError('ECONNRESET'))).toBe('reconnect');
  });

  it('fails on SQL errors, login errors and anything unknown', () => {
    expect(classifySnowflakeError(driverError('002003'))).toBe('fail');
    expect(classifySnowflakeError(driverError('390100'))).toBe('fail');
    expect(classifySnowflakeError(new WarehouseUnavailableError('cannot log in'))).toBe('fail');
    expect(classifySnowflakeError(new Error('injected by a hook'))).toBe('fail');
  });

  it('describes an error with its code and HTTP status', () => {
    expect(describeSnowflakeError(driverError(401002, { response: { statusCode: 503 } }))).toBe('failed 401002 (code 401002, HTTP 503)');
    expect(describeSnowflakeError(new Error('plain'))).toBe('plain');
  });
});

describe('toDomainFailure (what leaves the adapter)', () => {
  it('is transient for transient and reconnect codes; a unit that gave up already is (WarehouseUnavailableError)', () => {
    expect(toDomainFailure(driverError('000625'))).toBeInstanceOf(TransientError);
    expect(toDomainFailure(driverError('390111'))).toBeInstanceOf(TransientError);
    expect((toDomainFailure(driverError('000625')) as Error).cause).toMatchObject({ code: '000625' });
    const gaveUp = new WarehouseUnavailableError('LEDGERLINE.RAW: could not merge; still failing after 5 attempts', { cause: driverError('000625') });
    expect(toDomainFailure(gaveUp)).toBe(gaveUp);
    expect(gaveUp).toBeInstanceOf(TransientError);
    expect(new SnowflakeLoginError('LEDGERLINE', driverError('ECONNRESET'))).toBeInstanceOf(TransientError);
  });

  it('is terminal for SQL errors, and leaves code-less errors unclassified', () => {
    expect(toDomainFailure(driverError('002003'))).toBeInstanceOf(TerminalError);
    const hook = new Error('injected by a hook');
    expect(toDomainFailure(hook)).toBe(hook);
    expect(snowflakeFailureKind(hook)).toBeUndefined();
  });
});
