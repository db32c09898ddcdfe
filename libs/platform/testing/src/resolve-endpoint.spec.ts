import { describe, expect, it, vi } from 'vitest';
import { cachedPerProcess, resolveEndpoint, type EndpointSteps } from './resolve-endpoint.ts';

function steps(env: string | undefined) {
  return {
    fromEnv: vi.fn(() => env),
    fromContainer: vi.fn(async () => 'container-url'),
    fromLocal: vi.fn(async () => 'local-url'),
  } satisfies EndpointSteps<string>;
}

describe('resolveEndpoint', () => {
  it('uses the env URL first and never probes Docker or starts anything', async () => {
    const s = steps('env-url');
    const probe = vi.fn(async () => true);
    await expect(resolveEndpoint(s, probe)).resolves.toEqual({ source: 'env', value: 'env-url' });
    expect(probe).not.toHaveBeenCalled();
    expect(s.fromContainer).not.toHaveBeenCalled();
    expect(s.fromLocal).not.toHaveBeenCalled();
  });

  it('uses Testcontainers when the runtime answers', async () => {
    const s = steps(undefined);
    await expect(resolveEndpoint(s, async () => true)).resolves.toEqual({ source: 'container', value: 'container-url' });
    expect(s.fromLocal).not.toHaveBeenCalled();
  });

  it('falls back to the local service when no runtime answers', async () => {
    const s = steps(undefined);
    await expect(resolveEndpoint(s, async () => false)).resolves.toEqual({ source: 'local', value: 'local-url' });
    expect(s.fromContainer).not.toHaveBeenCalled();
  });
});

describe('cachedPerProcess', () => {
  it('loads once for concurrent and later callers', async () => {
    const load = vi.fn(async () => ({ url: 'x' }));
    const get = cachedPerProcess(load);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    await get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failure', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('slow start')).mockResolvedValueOnce('ok');
    const get = cachedPerProcess<string>(load);
    await expect(get()).rejects.toThrow('slow start');
    await expect(get()).resolves.toBe('ok');
  });
});
