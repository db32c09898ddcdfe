import { describe, expect, it } from 'vitest';
import { snowflakeErrorDetails } from './errors.ts';

describe('snowflakeErrorDetails', () => {
  it('reads a Snowflake SQL error', () => {
    const error = Object.assign(new Error('Object does not exist'), { code: '002003', sqlState: '42S02' });
    expect(snowflakeErrorDetails(error)).toEqual({ message: 'Object does not exist', code: '002003', sqlState: '42S02', httpStatus: undefined });
  });

  it('reads the HTTP status of a failed request', () => {
    const error = Object.assign(new Error('Request to Snowflake failed.'), { code: 401002, response: { statusCode: 503 } });
    expect(snowflakeErrorDetails(error)).toMatchObject({ code: '401002', httpStatus: 503 });
  });

  it('copes with values that are not errors', () => {
    expect(snowflakeErrorDetails('boom')).toEqual({ message: 'boom', code: undefined, sqlState: undefined, httpStatus: undefined });
  });
});
