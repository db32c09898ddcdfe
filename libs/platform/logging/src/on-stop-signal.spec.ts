import { afterEach, describe, expect, it, vi } from 'vitest';
import { onStopSignal } from './on-stop-signal.ts';
import { silentLogger } from './logger.ts';

describe('onStopSignal', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('starts a graceful stop on the first signal and exits 130 on the second', () => {
    const stop = vi.fn();
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    cleanups.push(onStopSignal(silentLogger, stop), () => exit.mockRestore());
    process.emit('SIGTERM', 'SIGTERM');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('removes its handlers when disposed', () => {
    const before = process.listenerCount('SIGTERM');
    const dispose = onStopSignal(silentLogger, () => undefined);
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
