import type { Settings } from '../../../shared/schema/settings';
import { registerSecret } from '../log';
import { notConfigured } from './access';
import { createCallLoop, type CallLogger } from './call';
import { createSdk, type GeminiContext } from './context';
import { normalizeBaseUrl } from './endpoint';
import type { ImageSink } from './image-sink';
import { OPERATION_ROLE, type OperationType } from './models';
import * as operations from './operations';
import { DEFAULT_FILE_POLL_POLICY, type FilePollPolicy } from './pdf-transport';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './retry';
import { timeoutFor } from './timeouts';
import type { ModelHandle } from './types';

export interface GeminiClientOptions {
  settings: Settings;
  apiKey: string;
  logger: CallLogger;
  images: ImageSink;
  /**
   * Overrides `settings.gemini_base_url` (tests, the fake server). Settings
   * from SettingsService already hold the resolved endpoint (gemini/endpoint.ts).
   */
  baseUrl?: string | null;
  sleep?: Sleep;
  random?: () => number;
  fetch?: typeof fetch;
  retryPolicy?: Partial<RetryPolicy>;
  /** How long to wait for an uploaded PDF to become ACTIVE (Files API). */
  filePolling?: Partial<FilePollPolicy>;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
}

type Operations = typeof operations;
/** Each operation with its context bound: `client.auditImage(image, guidelines, options)`. */
type BoundOperations = { [K in keyof Operations]: Operations[K] extends (ctx: GeminiContext, ...args: infer A) => infer R ? (...args: A) => R : never };

export interface GeminiClient extends BoundOperations {
  readonly reasoning: ModelHandle;
  readonly vision: ModelHandle;
  /** null = Google's default endpoint. */
  readonly baseUrl: string | null;
  modelFor(operation: Exclude<OperationType, 'token_count' | 'model_check'>): string;
}

/** No client without a usable key (correctness property 21). */
export function assertApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey !== 'string' || apiKey.trim().length === 0) throw notConfigured();
}

/**
 * A Gemini client: one SDK instance, both model handles chosen by operation
 * (correctness property 1), and every operation in ./operations bound to the
 * shared call loop. Structure: docs/ARCHITECTURE.md, "Gemini client".
 */
export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  assertApiKey(options.apiKey);
  registerSecret(options.apiKey);
  const { settings } = options;
  const configured = options.baseUrl !== undefined ? options.baseUrl : settings.gemini_base_url;
  const baseUrl = configured ? normalizeBaseUrl(configured) : null;
  const reasoning: ModelHandle = { role: 'reasoning', model: settings.reasoning_model };
  const vision: ModelHandle = { role: 'vision', model: settings.vision_model };
  const sleep = options.sleep ?? realSleep;
  const modelFor = (operation: keyof typeof OPERATION_ROLE) => (OPERATION_ROLE[operation] === 'reasoning' ? reasoning.model : vision.model);
  const ctx: GeminiContext = {
    ai: createSdk(options.apiKey, baseUrl, options.fetch),
    settings,
    logger: options.logger,
    images: options.images,
    reasoning,
    vision,
    sleep,
    filePolling: { ...DEFAULT_FILE_POLL_POLICY, ...options.filePolling },
    modelFor,
    timeout: (operation) => timeoutFor(operation, settings),
    call: createCallLoop({
      settings,
      logger: options.logger,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      sleep,
      random: options.random ?? Math.random,
      now: options.now ?? (() => performance.now()),
    }),
    uploadClient(signal, onRequest) {
      const baseFetch = options.fetch ?? globalThis.fetch;
      return createSdk(options.apiKey, baseUrl, (input, init) => {
        onRequest();
        return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
      });
    },
  };
  const bound = Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [name, (...args: unknown[]) => (operation as (c: GeminiContext, ...a: unknown[]) => unknown)(ctx, ...args)]),
  ) as BoundOperations;
  return { ...bound, reasoning, vision, baseUrl, modelFor };
}
