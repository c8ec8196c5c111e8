// Stable error codes shared by core, the CLI and the IPC contract. The message is
// for a designer; the code is for code. Never put a secret in either.
export const ERROR_CODES = [
  'FILE_TOO_LARGE',
  'INVALID_FILE_TYPE',
  'INVALID_PDF',
  'PDF_ENCRYPTED',
  'UNSUPPORTED_IMAGE',
  'IMAGE_TOO_LARGE',
  'BRAND_NOT_FOUND',
  'ASSET_NOT_FOUND',
  'JOB_NOT_FOUND',
  'GEMINI_AUTH',
  'GEMINI_RATE_LIMITED',
  'GEMINI_QUOTA_EXHAUSTED',
  'GEMINI_MODEL_NOT_FOUND',
  'GEMINI_UNAVAILABLE',
  'GEMINI_SAFETY',
  'GEMINI_NO_IMAGE',
  'GEMINI_BAD_RESPONSE',
  'GEMINI_NOT_CONFIGURED',
  'GEMINI_INVALID_REQUEST',
  'OFFLINE',
  'CANCELLED',
  'VALIDATION',
  'DATABASE_CORRUPT',
  'DATABASE_TOO_NEW',
  'DATA_DIR_UNWRITABLE',
  'SECRET_STORE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class MobiusError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MobiusError';
    this.code = code;
    this.details = details;
  }
}

export function isMobiusError(value: unknown): value is MobiusError {
  return value instanceof MobiusError;
}
