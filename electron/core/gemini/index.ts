export { createGeminiClient, assertApiKey, type GeminiClient, type GeminiClientOptions } from './client';
export { GEMINI_API_VERSION, MAX_REFERENCE_IMAGES } from './context';
export { createCallLoop, type CallLogger, type CallLoop, type CallSpec } from './call';
export { GEMINI_NOT_CONFIGURED_MESSAGE, notConfigured, requireGeminiConfig, type GeminiConfig, type RequireGeminiConfigOptions } from './access';
export {
  DEFAULT_ENDPOINT_POLICY,
  GEMINI_BASE_URL_ENV,
  GOOGLE_GEMINI_ENDPOINT,
  PROBE_TIMEOUT_MS,
  probeEndpoint,
  resolveEndpoint,
  type EndpointPolicy,
  type GeminiEndpoint,
} from './endpoint';
export type { CallCost, CallOptions, GeneratedImage, ModelHandle, ReferenceImage } from './types';
export type { GenerateOptions } from './operations/generate';
export type { ExtractOptions } from './operations/extract';
export type { AuditImageOptions, ModelAudit } from './operations/audit';
export type { ModelCheck } from './operations/check-models';
export { box2dToRegion, convertModelAudit, ModelAuditOutput } from './operations/audit';
export { EditSession, sessionSignatures } from './session';
export {
  INLINE_REQUEST_LIMIT_BYTES,
  MAX_INLINE_PDF_BYTES,
  MAX_PDF_BYTES,
  REQUEST_HEADROOM_BYTES,
  DEFAULT_FILE_POLL_POLICY,
  choosePdfTransport,
  pollDelay,
  uploadTimeoutMs,
  type FilePollPolicy,
  type PdfTransport,
} from './pdf-transport';
export { fileStoreImageSink, extensionForMime, type ImageSink, type StoredImage } from './image-sink';
export { OPERATION_ROLE, RETIRED_MODELS, successorOf, type ModelRole, type OperationType } from './models';
export { DEFAULT_RETRY_POLICY, backoffDelay, retryWait, attemptTimeout, parseRetryDelay, realSleep, type RetryPolicy, type Sleep } from './retry';
export { classifyError, type Classified } from './classify';
export { callCost, tokenUsage, type TokenUsage } from './cost';
export { twinSystemInstruction, ROSETTA_STONE } from './prompts';
