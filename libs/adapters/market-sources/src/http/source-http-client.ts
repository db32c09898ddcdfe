import { MarketSourceError, type SourceId } from '@ledgerline/market-data';
import { RequestBudget } from './request-budget.ts';
import { DEFAULT_RETRY_POLICY, backoffMs, retryAfterMs, type RetryPolicy } from './retry-policy.ts';

export interface HttpResponseText {
  status: number;
  url: string;
  body: string;
}

export interface SourceHttpClientOptions {
  source: SourceId;
  budget: RequestBudget;
  policy?: Partial<RetryPolicy>;
  headers?: Record<string, string>;
  /** Injected so tests can assert the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Plain fetch with the source's budget and retry policy. 2xx and 404 bodies are returned for the
 * caller to decode (a 404 is an answer: "no such symbol"); 429 and 5xx are retried; other 4xx
 * (bad key, bad request) are a refusal and are not retried.
 */
export class SourceHttpClient {
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  readonly waits: number[] = [];

  constructor(private readonly options: SourceHttpClientOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
  }

  async get(url: string): Promise<HttpResponseText> {
    const { source } = this.options;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt++) {
      this.options.budget.take();
      let response: Response;
      try {
        response = await fetch(url, { headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.8', ...this.options.headers }, signal: AbortSignal.timeout(this.policy.timeoutMs) });
      } catch (error) {
        lastProblem = `request failed: ${error instanceof Error ? error.message : String(error)}`;
        await this.wait(backoffMs(this.policy, attempt), attempt);
        continue;
      }
      const body = await response.text();
      if (response.ok || response.status === 404) return { status: response.status, url, body };
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after'), this.now()) ?? backoffMs(this.policy, attempt);
        if (wait > this.policy.maxRetryAfterMs) throw new MarketSourceError(source, 'rate-limited', `HTTP 429, Retry-After ${Math.round(wait / 1000)} s exceeds the ${this.policy.maxRetryAfterMs / 1000} s the client waits`);
        lastProblem = 'HTTP 429 (rate limited)';
        await this.wait(wait, attempt);
        continue;
      }
      if (response.status >= 500) {
        lastProblem = `HTTP ${response.status}`;
        await this.wait(backoffMs(this.policy, attempt), attempt);
        continue;
      }
      throw new MarketSourceError(source, 'rejected', `HTTP ${response.status}: ${body.slice(0, 200)}`);
    }
    throw new MarketSourceError(source, lastProblem.startsWith('HTTP 429') ? 'rate-limited' : 'unavailable', `${lastProblem} after ${this.policy.maxAttempts} attempts`);
  }

  private async wait(ms: number, attempt: number): Promise<void> {
    if (attempt >= this.policy.maxAttempts) return;
    this.waits.push(ms);
    await this.sleep(ms);
  }
}
