import { GoogleGenAI } from '@google/genai';
import type { Settings } from '../../../shared/schema/settings';
import type { CallLogger, CallLoop } from './call';
import { GOOGLE_GEMINI_ENDPOINT } from './endpoint';
import type { ImageSink } from './image-sink';
import type { OPERATION_ROLE, OperationType } from './models';
import type { FilePollPolicy } from './pdf-transport';
import type { Sleep } from './retry';
import { geminiFetch } from './transport';
import type { ModelHandle } from './types';

export const GEMINI_API_VERSION = 'v1beta';

/** What each operation module gets: the SDK, the call loop and the settings the client was built with. */
export interface GeminiContext {
  readonly ai: GoogleGenAI;
  readonly settings: Settings;
  readonly logger: CallLogger;
  readonly images: ImageSink;
  readonly reasoning: ModelHandle;
  readonly vision: ModelHandle;
  readonly call: CallLoop;
  readonly sleep: Sleep;
  readonly filePolling: FilePollPolicy;
  modelFor(operation: keyof typeof OPERATION_ROLE): string;
  /** The first attempt's timeout for an operation (gemini/timeouts.ts). */
  timeout(operation: OperationType): number;
  /**
   * An SDK instance for one upload attempt. `files.upload` passes no abort
   * signal to its requests (neither the resumable start nor the chunks), so
   * the attempt's signal — timeout or cancellation — is attached in fetch.
   */
  uploadClient(signal: AbortSignal, onRequest: () => void): GoogleGenAI;
}

/**
 * One SDK instance per endpoint. Everything that decides where the key goes
 * is explicit, so the environment cannot redirect it: `vertexai: false`
 * (GOOGLE_GENAI_USE_VERTEXAI / GOOGLE_GENAI_USE_ENTERPRISE would otherwise
 * switch an AI Studio key to Vertex), the base URL (GOOGLE_GEMINI_BASE_URL
 * would otherwise win over Google's endpoint) and the API version
 * (GOOGLE_GENAI_API_VERSION). SDK retries stay off (no retryOptions): our call
 * loop is the only retry policy.
 */
export function createSdk(apiKey: string, baseUrl: string | null, fetchImpl?: typeof fetch): GoogleGenAI {
  const endpoint = baseUrl ?? GOOGLE_GEMINI_ENDPOINT;
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    apiVersion: GEMINI_API_VERSION,
    httpOptions: { apiVersion: GEMINI_API_VERSION, baseUrl: endpoint, fetch: geminiFetch(endpoint, fetchImpl) },
  });
}

/** At most this many reference images go with one image request (the image model's limit). */
export const MAX_REFERENCE_IMAGES = 14;
