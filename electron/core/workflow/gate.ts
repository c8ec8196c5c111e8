import { parseErrorBody } from '../gemini/classify';
import { parseRetryDelay } from '../gemini/retry';

/** A counting semaphore whose waiters can give up (AbortSignal). */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(private limit: number) {}

  get inUse(): number {
    return this.active;
  }

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit);
    this.drain();
  }

  acquire(signal?: AbortSignal | null): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active--;
          this.drain();
        });
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
      this.drain();
    });
  }

  private drain(): void {
    while (this.active < this.limit && this.waiters.length > 0) this.waiters.shift()!();
  }
}

export interface GateStats {
  requests: number;
  rateLimited: number;
  /** Requests whose AbortSignal fired while in flight (cancellation reached the socket). */
  aborted: number;
  maxInFlight: Record<string, number>;
}

export interface ModelGateOptions {
  /** Concurrent requests allowed for a model (e.g. vision_concurrency for the image model). */
  limitFor: (model: string) => number;
  fetch?: typeof fetch;
  now?: () => number;
}

const MODEL_IN_PATH = /\/models\/([^/:?]+)(?::[A-Za-z]+)?/;

/**
 * Every Gemini request of every job goes through one gate: a per-model
 * concurrency limit and a shared rate-limit pause. When any request gets a 429
 * with RetryInfo, no request to Gemini starts until that delay has passed, so
 * parallel jobs do not keep hammering a quota that is already exhausted.
 * Installed as the Gemini client's `fetch`, so it also covers the client's own retries.
 */
export class ModelGate {
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly baseFetch: typeof fetch;
  private readonly now: () => number;
  private pausedUntil = 0;
  readonly stats: GateStats = { requests: 0, rateLimited: 0, aborted: 0, maxInFlight: {} };

  constructor(private readonly options: ModelGateOptions) {
    this.baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
  }

  /** Pause every request until `ms` from now (at least). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
  }

  get pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  private semaphore(model: string): Semaphore {
    let s = this.semaphores.get(model);
    if (!s) {
      s = new Semaphore(Math.max(1, this.options.limitFor(model)));
      this.semaphores.set(model, s);
    }
    return s;
  }

  private async waitForPause(signal: AbortSignal | null | undefined): Promise<void> {
    for (let wait = this.pausedForMs; wait > 0; wait = this.pausedForMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason ?? new Error('aborted'));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const model = MODEL_IN_PATH.exec(new URL(url).pathname)?.[1] ?? '*';
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const semaphore = this.semaphore(model);
    const release = await semaphore.acquire(signal);
    try {
      await this.waitForPause(signal);
      this.stats.requests++;
      this.stats.maxInFlight[model] = Math.max(this.stats.maxInFlight[model] ?? 0, semaphore.inUse);
      let response: Response;
      try {
        response = await this.baseFetch(input, init);
      } catch (error) {
        if (signal?.aborted) this.stats.aborted++;
        throw error;
      }
      if (response.status === 429 || response.status === 503) {
        const body = await response
          .clone()
          .text()
          .catch(() => '');
        const info = parseErrorBody(body)?.details?.find((d) => typeof d['@type'] === 'string' && (d['@type'] as string).endsWith('RetryInfo'));
        const delay = parseRetryDelay(info?.['retryDelay']);
        if (response.status === 429) this.stats.rateLimited++;
        if (delay !== undefined) this.pauseFor(delay);
      }
      return response;
    } finally {
      release();
    }
  };
}
