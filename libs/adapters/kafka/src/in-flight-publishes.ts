import type { Logger } from '@ledgerline/logging';

/**
 * The publishes a publisher has started and not yet seen end, shared by every Kafka client's
 * EventPublisher: `flush` waits for them, `drain` waits at most `timeoutMs` (a broker outage
 * would stall them forever) and says which of the two ended the wait.
 */
export class InFlightPublishes {
  private readonly pending = new Set<Promise<void>>();

  track(sending: Promise<void>): Promise<void> {
    this.pending.add(sending);
    const forget = () => this.pending.delete(sending);
    sending.then(forget, forget);
    return sending;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  async drain(timeoutMs: number, logger: Logger): Promise<'flushed' | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([this.flush().then(() => 'flushed' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') logger.warn('closing with publishes still in flight', { in_flight: this.pending.size });
    return outcome;
  }
}
