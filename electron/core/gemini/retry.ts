import { MAX_ATTEMPT_TIMEOUT_MS } from './timeouts';

/**
 * Mobius' retry policy, pure so it can be property-tested: up to `maxRetries`
 * retries (so at most maxRetries + 1 requests), exponential backoff with
 * bounded jitter that still grows strictly from one retry to the next, the
 * server's RetryInfo delay honoured as a floor, and per-attempt timeouts that
 * grow for slow generations.
 */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Delay is multiplied by a factor in [1 - jitter, 1 + jitter]; keep < (factor - 1) / (factor + 1) so delays still grow. */
  jitter: number;
  /** A RetryInfo delay longer than this is not waited out: the caller gets GEMINI_RATE_LIMITED with retry-after. */
  maxRetryAfterMs: number;
  /** Attempt n gets timeout × timeoutGrowth^n, but never more than maxTimeoutMs. */
  timeoutGrowth: number;
  /** The longest any attempt waits (gemini/timeouts.ts: a little past the server's own cap). */
  maxTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 30_000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
  timeoutGrowth: 1.5,
  maxTimeoutMs: MAX_ATTEMPT_TIMEOUT_MS,
};

/** Backoff before retry number `retry` (0 = the wait after the first failed request). */
export function backoffDelay(retry: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** retry);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exponential * (1 - policy.jitter + 2 * policy.jitter * r));
}

/** The wait actually used: the backoff, but never shorter than what the server asked for. */
export function retryWait(retry: number, random: () => number, retryAfterMs: number | undefined, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const backoff = backoffDelay(retry, random, policy);
  return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.ceil(retryAfterMs));
}

export function attemptTimeout(baseMs: number, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return Math.min(Math.max(baseMs, policy.maxTimeoutMs), Math.round(baseMs * policy.timeoutGrowth ** attempt));
}

/** Google's RetryInfo duration ("47s", "1.5s", "200ms") in milliseconds. */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return match[2] === 'ms' ? amount : amount * 1000;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Real sleep that ends early (rejecting) when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
