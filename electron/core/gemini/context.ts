import { GoogleGenAI, type Part } from '@google/genai';
import type { Settings } from '../../../shared/schema/settings';
import type { CallLogger, CallLoop } from './call';
import type { ImageSink } from './image-sink';
import type { OPERATION_ROLE } from './models';
import type { FilePollPolicy } from './pdf-transport';
import type { Sleep } from './retry';
import type { ModelHandle, ReferenceImage } from './types';

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
  /**
   * An SDK instance for one upload attempt. `files.upload` passes no abort
   * signal to its requests (neither the resumable start nor the chunks), so
   * the attempt's signal — timeout or cancellation — is attached in fetch.
   */
  uploadClient(signal: AbortSignal, onRequest: () => void): GoogleGenAI;
}

/** One SDK instance per endpoint; SDK retries stay off (no retryOptions): our call loop is the only retry policy. */
export function createSdk(apiKey: string, baseUrl: string | null, fetchImpl?: typeof fetch): GoogleGenAI {
  return new GoogleGenAI({
    apiKey,
    apiVersion: GEMINI_API_VERSION,
    httpOptions: {
      apiVersion: GEMINI_API_VERSION,
      ...(baseUrl ? { baseUrl } : {}),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    },
  });
}

/** An image as an inline request part. */
export function inlineImage(image: ReferenceImage): Part {
  return { inlineData: { mimeType: image.mime, data: Buffer.from(image.bytes).toString('base64') } };
}

/** At most this many reference images go with one image request (the image model's limit). */
export const MAX_REFERENCE_IMAGES = 14;
