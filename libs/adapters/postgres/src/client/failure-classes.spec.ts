import { TerminalError, TransientError, failureKindOf } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { classifyPostgresError, postgresFailureKind } from './failure-classes.ts';

/** The shapes pg, PGlite and TypeORM throw: an Error with a SQLSTATE or errno `code`, or wrapping one as `driverError`. */
const pgError = (code: string, message = `SQLSTATE ${code}`) => Object.assign(new Error(message), { code });
const typeormWrapped = (driverError: Error) => Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

describe('PostgreSQL failure classes', () => {
  it.each([
    ['08006', 'connection failure'],
    ['08001', 'cannot establish'],
    ['57P01', 'admin shutdown (server restart)'],
    ['57P03', 'cannot connect now (starting up)'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['55P03', 'lock not available'],
    ['53300', 'too many connections'],
  ])('%s (%s) is transient', (code) => {
    expect(postgresFailureKind(pgError(code))).toBe('transient');
    expect(postgresFailureKind(typeormWrapped(pgError(code)))).toBe('transient');
  });

  it.each([
    ['28P01', 'password authentication failed'],
    ['3D000', 'database does not exist'],
    ['42P01', 'relation does not exist'],
    ['42501', 'insufficient privilege'],
    ['42601', 'syntax error'],
  ])('%s (%s) is terminal', (code) => {
    expect(postgresFailureKind(pgError(code))).toBe('terminal');
  });

  it('calls a lost socket transient, by errno or by the driver\'s message', () => {
    expect(postgresFailureKind(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('transient');
    expect(postgresFailureKind(pgError('ECONNRESET', 'read ECONNRESET'))).toBe('transient');
    expect(postgresFailureKind(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(postgresFailureKind(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });

  it('leaves integrity and data errors to the store (it names the refused row), and anything else unclassified', () => {
    expect(postgresFailureKind(pgError('23505'))).toBe('store');
    expect(postgresFailureKind(pgError('22001'))).toBe('store');
    expect(postgresFailureKind(new TypeError('a bug'))).toBe('unknown');
    const unique = pgError('23505');
    expect(classifyPostgresError(unique)).toBe(unique);
  });

  it('wraps a verdict around the driver error, keeping its message and the error as cause', () => {
    const lost = pgError('57P01', 'terminating connection due to administrator command');
    const classified = classifyPostgresError(lost);
    expect(classified).toBeInstanceOf(TransientError);
    expect((classified as Error).message).toBe(lost.message);
    expect((classified as Error).cause).toBe(lost);
    expect(classifyPostgresError(pgError('28P01'))).toBeInstanceOf(TerminalError);
    // Already classified (say, a TerminalError from below): left as it is.
    const refused = new TerminalError('refused');
    expect(classifyPostgresError(refused)).toBe(refused);
    expect(failureKindOf(classifyPostgresError(new Error('Connection terminated unexpectedly')))).toBe('transient');
  });
});
