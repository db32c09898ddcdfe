import { describe, expect, it } from 'vitest';
import { chromaEndpointSchema, kafkaBrokersFromEnv, postgresEndpointSchema } from './endpoint-schemas.ts';
import { parseEndpointLine } from './run-service-script.ts';

describe('endpoint validation', () => {
  it('rejects malformed env values with a clear error', () => {
    expect(() => kafkaBrokersFromEnv('localhost')).toThrow(/host:port/);
    expect(() => kafkaBrokersFromEnv(' , ')).toThrow();
    expect(() => postgresEndpointSchema.parse({ url: 'mysql://x' })).toThrow(/postgres/);
    expect(() => chromaEndpointSchema.parse({ url: 'ftp://x' })).toThrow();
  });

  it('takes the last stdout line of a service script as the endpoint', () => {
    const stdout = 'noise from a tool\n{"url":"postgres://postgres@127.0.0.1:5999/postgres"}\n\n';
    expect(parseEndpointLine(stdout, postgresEndpointSchema, 'postgres')).toEqual({
      url: 'postgres://postgres@127.0.0.1:5999/postgres',
    });
    expect(() => parseEndpointLine('started\n', postgresEndpointSchema, 'postgres')).toThrow(/non-JSON/);
    expect(() => parseEndpointLine('', postgresEndpointSchema, 'postgres')).toThrow(/no endpoint/);
  });
});
