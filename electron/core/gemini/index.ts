export {
  createGeminiClient,
  resolveBaseUrl,
  assertApiKey,
  GEMINI_API_VERSION,
  MAX_INLINE_PDF_BYTES,
  MAX_PDF_BYTES,
  type AuditOptions,
  type CallCost,
  type CallLogger,
  type CallOptions,
  type GeminiClient,
  type GeminiClientOptions,
  type GeneratedImage,
  type GenerateOptions,
  type ModelCheck,
  type ModelHandle,
  type ReferenceImage,
} from './client';
export { EditSession, sessionSignatures } from './session';
export {
  INLINE_REQUEST_LIMIT_BYTES,
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
export { box2dToRegion, convertModelAudit, ModelAuditOutput } from './audit';
export { twinSystemInstruction, ROSETTA_STONE } from './prompts';
