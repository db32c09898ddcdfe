import type { Logger, LogFields } from '@ledgerline/logging';

/**
 * What kafkajs logs, line by line, while a broker is unreachable or restarting: connection
 * failures, and the answers of a broker that is still loading (no leader yet, coordinator
 * loading). kafkajs retries all of them itself.
 */
const CONNECTION_TROUBLE = [
  /connection error/i,
  /connection timeout/i,
  /closed connection/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH/,
  /failed to connect/i,
  /leadership election/i,
  /not the leader/i,
  /leader not available/i,
  /coordinator is (loading|not available)/i,
  /not the correct coordinator/i,
  /broker not found|no brokers/i,
];

export function isConnectionTrouble(message: string, fields: LogFields): boolean {
  const text = `${message} ${typeof fields.error === 'string' ? fields.error : ''}`;
  return CONNECTION_TROUBLE.some((pattern) => pattern.test(text));
}

/**
 * Collapses kafkajs' repeated connection errors into warnings with a count: the first one of an
 * episode is one warning ("kafka connection trouble; kafkajs retries"); further ones are only
 * counted, and summarised in one warning per `summaryMs` while they continue ("... still failing",
 * with `retries`). An episode ends after `summaryMs` without such an error (its last summary
 * says how many there were). One broker restart used to print dozens of ERROR lines.
 */
export class ConnectionTroubleCollapser {
  private episode: { startedAt: number; lastAt: number; suppressed: number; total: number; lastError: string } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly summaryMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(scope: string, message: string, fields: LogFields): void {
    const at = this.now();
    const error = typeof fields.error === 'string' ? fields.error : message;
    if (!this.episode) {
      this.episode = { startedAt: at, lastAt: at, suppressed: 0, total: 1, lastError: error };
      this.logger.warn('kafka connection trouble; kafkajs retries', { scope, broker: fields.broker, error: `${message}${error === message ? '' : `: ${error}`}` });
      this.startTimer();
      return;
    }
    this.episode.lastAt = at;
    this.episode.suppressed += 1;
    this.episode.total += 1;
    this.episode.lastError = error;
  }

  /** Writes the summary due (the timer calls it; tests call it with their own clock). */
  flush(): void {
    const episode = this.episode;
    if (!episode) return;
    const quiet = this.now() - episode.lastAt >= this.summaryMs;
    if (episode.suppressed > 0) {
      this.logger.warn(quiet ? 'kafka connection trouble over' : 'kafka connection trouble: still failing; kafkajs retries', {
        retries: episode.total,
        for_s: Math.round((episode.lastAt - episode.startedAt) / 100) / 10,
        last_error: episode.lastError,
      });
      episode.suppressed = 0;
    }
    if (quiet) {
      this.episode = undefined;
      this.stopTimer();
    }
  }

  close(): void {
    this.flush();
    this.stopTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.summaryMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
