import { afterEach, describe, expect, it, vi } from 'vitest';
import { startChroma, startKafka, startPostgres } from './index.ts';

// Addresses from TEST-NET (RFC 5737): nothing answers there, so getting them back proves that the
// env URL won without any probe, container or local script being involved.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('env URLs win', () => {
  it('returns TEST_POSTGRES_URL, TEST_KAFKA_BROKERS and TEST_CHROMA_URL as given', async () => {
    vi.stubEnv('TEST_POSTGRES_URL', 'postgres://someone@192.0.2.10:6543/postgres');
    vi.stubEnv('TEST_KAFKA_BROKERS', '192.0.2.11:9092, 192.0.2.12:9092');
    vi.stubEnv('TEST_CHROMA_URL', 'http://192.0.2.13:8000');
    await expect(startPostgres()).resolves.toEqual({ url: 'postgres://someone@192.0.2.10:6543/postgres' });
    await expect(startKafka()).resolves.toEqual({ brokers: ['192.0.2.11:9092', '192.0.2.12:9092'] });
    await expect(startChroma()).resolves.toEqual({ url: 'http://192.0.2.13:8000' });
  });
});

describe('restartKafka', () => {
  it('refuses to restart a broker it did not start locally', async () => {
    vi.stubEnv('TEST_KAFKA_BROKERS', '192.0.2.11:9092');
    const { restartKafka } = await import('./kafka.ts');
    await expect(restartKafka()).rejects.toThrow(/only with the local broker.*TEST_KAFKA_BROKERS/s);
  });
});
