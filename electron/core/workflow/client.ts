import type { Settings } from '../../../shared/schema/settings';
import type { CallLogger } from '../gemini/call';
import { createGeminiClient, type GeminiClient, type GeminiClientOptions } from '../gemini/client';
import { extensionForMime, type ImageSink } from '../gemini/image-sink';
import { fileUri, sha256Hex, type FileStore } from '../store/file-store';
import { ModelGate } from './gate';

/**
 * A sink that only names the image: the workflow writes the bytes itself with
 * `Store.putFileThen`, in the same step as the Asset row, so a crash between
 * the model's answer and the commit cannot leave a referenced-but-missing file.
 * Edits read earlier images back from the store (sessions keep references).
 */
export function deferredImageSink(files: Pick<FileStore, 'read'>): ImageSink {
  return {
    put(bytes, mime) {
      const sha256 = sha256Hex(bytes);
      return { sha256, uri: fileUri(sha256, extensionForMime(mime)) };
    },
    read: (ref) => files.read(ref.sha256, extensionForMime(ref.mime)),
  };
}

export interface WorkflowClient {
  gemini: GeminiClient;
  gate: ModelGate;
}

/** The Gemini client the runner uses: every request through one gate (per-model concurrency, shared 429 pause). */
export function createWorkflowClient(
  options: {
    settings: Settings;
    apiKey: string;
    logger: CallLogger;
    /** The store's files, where edit sessions' images are read back from. */
    files: Pick<FileStore, 'read'>;
    baseUrl?: string | null;
    fetch?: typeof fetch;
  } & Partial<
    Pick<GeminiClientOptions, 'retryPolicy' | 'sleep' | 'random'>
  >,
): WorkflowClient {
  const { settings } = options;
  const gate = new ModelGate({
    limitFor: (model) => (model === settings.vision_model ? settings.vision_concurrency : settings.reasoning_concurrency),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const gemini = createGeminiClient({
    settings,
    apiKey: options.apiKey,
    logger: options.logger,
    images: deferredImageSink(options.files),
    fetch: gate.fetch,
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  return { gemini, gate };
}
