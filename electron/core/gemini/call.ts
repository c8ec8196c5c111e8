import { randomUUID } from 'node:crypto';
import type { GenerateContentResponse } from '@google/genai';
import { MobiusError } from '../../../shared/errors';
import type { Settings } from '../../../shared/schema/settings';
import type { Logger } from '../log';
import { classifyError, type Classified } from './classify';
import { callCost, tokenUsage, type TokenUsage } from './cost';
import type { OperationType } from './models';
import { attemptTimeout, retryWait, type RetryPolicy, type Sleep } from './retry';
import type { CallCost, CallOptions } from './types';

export type CallLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface CallSpec<R, T> {
  operation: OperationType;
  model: string;
  options: CallOptions;
  baseTimeoutMs: number;
  request: (signal: AbortSignal) => Promise<R>;
  /** Checks that may throw a non-retryable MobiusError (safety, no image). */
  interpret: (response: R) => T | Promise<T>;
  usage?: (response: R) => CallUsage;
  /** Extra fields for this call's log lines (e.g. the Files API step), read when each line is written. */
  logFields?: () => Record<string, unknown>;
  /** What the request addresses, for error mapping (a 404 on a file is not a retired model). */
  resource?: 'model' | 'file';
}

export interface CallUsage {
  usage: TokenUsage;
  images: number;
  imageSize?: string;
  responseId?: string;
}

export interface CallResult<T> {
  value: T;
  cost: CallCost;
  /** The id on this call's log lines. */
  requestId: string;
}

export type CallLoop = <R, T>(spec: CallSpec<R, T>) => Promise<CallResult<T>>;

export interface CallLoopOptions {
  settings: Pick<Settings, 'prices'>;
  logger: CallLogger;
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  /** Monotonic milliseconds, for latency. */
  now: () => number;
}

const cancelled = (operation: OperationType) => new MobiusError('CANCELLED', 'The request was cancelled.', { operation });

/**
 * The one loop every Gemini request runs through: per-attempt timeout (growing
 * per attempt), the caller's signal, our retry policy (the SDK's is off), one
 * structured log line per request with tokens and cost, and a stable error
 * at the end (correctness properties 9, 18, 19).
 */
export function createCallLoop(o: CallLoopOptions): CallLoop {
  const { logger, policy } = o;
  return async function call<R, T>(spec: CallSpec<R, T>): Promise<CallResult<T>> {
    const requestId = randomUUID();
    const caller = spec.options.signal;
    let lastRateLimit: Classified | undefined;
    for (let attempt = 0; ; attempt++) {
      if (caller?.aborted) throw cancelled(spec.operation);
      const timeoutMs = attemptTimeout(spec.baseTimeoutMs, attempt, policy);
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      const onCancel = () => controller.abort(caller?.reason);
      caller?.addEventListener('abort', onCancel, { once: true });
      const started = o.now();
      const base = {
        model_name: spec.model,
        operation_type: spec.operation,
        request_id: requestId,
        brand_id: spec.options.brandId ?? null,
        attempt: attempt + 1,
        timeout_ms: timeoutMs,
      };
      let usageInfo: CallUsage | undefined;
      try {
        const response = await spec.request(controller.signal);
        usageInfo = spec.usage?.(response);
        const value = await spec.interpret(response);
        const usage = usageInfo?.usage ?? { prompt: 0, candidates: 0, thoughts: 0 };
        const cost = callCost(spec.model, usage, o.settings.prices, { count: usageInfo?.images ?? 0, size: usageInfo?.imageSize });
        logger.info('gemini.call', {
          ...base,
          ...spec.logFields?.(),
          latency_ms: Math.round(o.now() - started),
          tokens: usage,
          cost_usd: cost.usd,
          cost_known: cost.known,
          success: true,
          error_type: null,
          response_id: usageInfo?.responseId ?? null,
        });
        return { value, cost: { tokens: usage.prompt + usage.candidates + usage.thoughts, usd: cost.usd }, requestId };
      } catch (error) {
        const classified = classifyError(error, {
          model: spec.model,
          operation: spec.operation,
          timedOut,
          timeoutMs,
          cancelled: caller?.aborted === true,
          ...(spec.resource ? { resource: spec.resource } : {}),
        });
        const usage = usageInfo?.usage ?? { prompt: 0, candidates: 0, thoughts: 0 };
        const willRetry = classified.retryable && attempt < policy.maxRetries && !(classified.retryAfterMs !== undefined && classified.retryAfterMs > policy.maxRetryAfterMs);
        logger.warn('gemini.call', {
          ...base,
          ...spec.logFields?.(),
          latency_ms: Math.round(o.now() - started),
          tokens: usage,
          cost_usd: callCost(spec.model, usage, o.settings.prices).usd,
          success: false,
          error_type: classified.type,
          error_code: classified.error.code,
          error_message: classified.error.message,
          http_status: classified.httpStatus ?? null,
          will_retry: willRetry,
        });
        if (timedOut) {
          logger.warn('gemini.timeout', {
            ...base,
            next_timeout_ms: willRetry ? attemptTimeout(spec.baseTimeoutMs, attempt + 1, policy) : null,
          });
        }
        if (classified.type === 'rate_limited') lastRateLimit = classified;
        if (!willRetry) throw finalError(classified, attempt + 1, lastRateLimit);
        const wait = retryWait(attempt, o.random, classified.retryAfterMs, policy);
        logger.debug('gemini.retry', { ...base, delay_ms: wait, reason: classified.type });
        try {
          await o.sleep(wait, caller);
        } catch {
          throw cancelled(spec.operation);
        }
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCancel);
      }
    }
  };
}

/** After the last attempt: say how many requests were made; a rate limit keeps its retry-after. */
function finalError(classified: Classified, requests: number, lastRateLimit: Classified | undefined): MobiusError {
  const error = classified.error;
  if (!classified.retryable || requests === 1) return withDetails(error, { requests });
  if (lastRateLimit && classified.type === 'rate_limited') return withDetails(error, { requests });
  if (error.code === 'OFFLINE') return withDetails(error, { requests });
  return new MobiusError(
    'GEMINI_UNAVAILABLE',
    `Gemini did not respond successfully after ${requests} attempts (${classified.type.replace('_', ' ')}). Try again in a few minutes.`,
    { ...error.details, requests, last_error: error.code },
    { cause: error },
  );
}

function withDetails(error: MobiusError, extra: Record<string, unknown>): MobiusError {
  return new MobiusError(error.code, error.message, { ...error.details, ...extra }, { cause: error.cause });
}

/** Tokens and images of a generateContent answer, for the cost on the log line. */
export function usageOf(response: GenerateContentResponse, imageSize?: string): CallUsage {
  const imagesReturned = (response.candidates?.[0]?.content?.parts ?? []).filter((p) => p.inlineData && p.thought !== true).length;
  return { usage: tokenUsage(response.usageMetadata), images: imagesReturned, imageSize, responseId: response.responseId };
}
