import { MobiusError, isMobiusError } from '../../../shared/errors';
import { successorOf, type OperationType } from './models';
import { parseRetryDelay } from './retry';

/** What one failed request means for the retry loop. */
export interface Classified {
  error: MobiusError;
  retryable: boolean;
  /** The server's RetryInfo delay, when it sent one. */
  retryAfterMs?: number;
  /** Short label for logs (`error_type`). */
  type: string;
  httpStatus?: number;
}

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'ECONNREFUSED']);
const NETWORK_CODES = new Set([...OFFLINE_CODES, 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The SDK's ApiError carries the JSON error body as its message. */
export function parseErrorBody(message: string): GoogleErrorBody | null {
  const start = message.indexOf('{');
  if (start < 0) return null;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: GoogleErrorBody };
    return parsed.error ?? null;
  } catch {
    return null;
  }
}

function detailOfType(body: GoogleErrorBody | null, suffix: string): Record<string, unknown> | undefined {
  return body?.details?.find((d) => typeof d['@type'] === 'string' && (d['@type'] as string).endsWith(suffix));
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface ClassifyContext {
  model: string;
  operation: OperationType;
  /** Our per-attempt timer fired. */
  timedOut: boolean;
  timeoutMs?: number;
  /** The caller's AbortSignal fired. */
  cancelled: boolean;
  /** What the request addressed: a model (default) or an uploaded file (Files API). */
  resource?: 'model' | 'file';
}

interface ExhaustedQuota {
  quotaId: string;
  quotaMetric: string | null;
  daily: boolean;
  freeTier: boolean;
}

/**
 * The QuotaFailure violation of a 429 that is a daily or free-tier cap
 * (`quotaId` containing `PerDay` or `FreeTier`), as opposed to a per-minute
 * burst limit that RetryInfo tells us to wait out.
 */
function exhaustedQuota(body: GoogleErrorBody | null): ExhaustedQuota | null {
  const violations = detailOfType(body, 'QuotaFailure')?.['violations'];
  if (!Array.isArray(violations)) return null;
  for (const violation of violations as Array<Record<string, unknown>>) {
    const quotaId = violation['quotaId'];
    if (typeof quotaId !== 'string') continue;
    const daily = /PerDay/i.test(quotaId);
    const freeTier = /FreeTier/i.test(quotaId);
    if (daily || freeTier) return { quotaId, quotaMetric: typeof violation['quotaMetric'] === 'string' ? violation['quotaMetric'] : null, daily, freeTier };
  }
  return null;
}

/**
 * The plain `Error`s the SDK's resumable upload throws (no HTTP status):
 * an upload the server did not finalize is worth restarting; a start reply
 * without an upload URL (a gateway that drops the header) is not.
 */
function classifyUploadError(message: string, ctx: ClassifyContext, error: unknown): Classified | null {
  if (/upload status is not finalized|has been uploaded, but the upload status/i.test(message)) {
    return {
      error: new MobiusError('GEMINI_UNAVAILABLE', 'Gemini did not finish receiving the PDF upload. Try again in a moment.', { model: ctx.model, operation: ctx.operation, reason: 'upload_not_finalized' }, { cause: error }),
      retryable: true,
      type: 'upload_incomplete',
    };
  }
  if (/upload url|did not return an HttpResponse/i.test(message)) {
    return {
      error: new MobiusError(
        'GEMINI_INVALID_REQUEST',
        'The Gemini endpoint did not return an upload address for the PDF. If the endpoint is a gateway or proxy, it must pass the X-Goog-Upload-URL header through.',
        { model: ctx.model, operation: ctx.operation, reason: 'upload_url_missing' },
        { cause: error },
      ),
      retryable: false,
      type: 'upload_url_missing',
    };
  }
  return null;
}

/** Map anything a Gemini call can throw onto a stable Mobius error and a retry decision. */
export function classifyError(error: unknown, ctx: ClassifyContext): Classified {
  if (ctx.cancelled) {
    return { error: new MobiusError('CANCELLED', 'The request was cancelled.', { model: ctx.model, operation: ctx.operation }), retryable: false, type: 'cancelled' };
  }
  if (ctx.timedOut) {
    return {
      error: new MobiusError(
        'GEMINI_UNAVAILABLE',
        `Gemini (${ctx.model}) did not answer within ${Math.round((ctx.timeoutMs ?? 0) / 1000)} s. Try again later.`,
        { model: ctx.model, operation: ctx.operation, timeout_ms: ctx.timeoutMs, reason: 'timeout' },
      ),
      retryable: true,
      type: 'timeout',
    };
  }
  if (isMobiusError(error)) {
    // Raised by our own response checks (safety, no image, bad JSON): the request itself worked.
    return { error, retryable: error.code === 'GEMINI_BAD_RESPONSE' && error.details?.['transport'] === true, type: error.code.toLowerCase() };
  }
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : undefined;
  if (status !== undefined) return classifyHttp(status, error as Error, ctx);

  const code = causeCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError || (code !== undefined && NETWORK_CODES.has(code))) {
    const offline = code === undefined || OFFLINE_CODES.has(code);
    return {
      error: new MobiusError(
        offline ? 'OFFLINE' : 'GEMINI_UNAVAILABLE',
        offline
          ? 'Mobius cannot reach Gemini. Check the internet connection and the Gemini endpoint, then try again.'
          : 'The connection to Gemini was interrupted. Try again in a moment.',
        { model: ctx.model, operation: ctx.operation, network_code: code ?? null },
        { cause: error },
      ),
      retryable: true,
      type: 'network',
    };
  }
  const upload = ctx.resource === 'file' ? classifyUploadError(message, ctx, error) : null;
  if (upload) return upload;
  if (error instanceof SyntaxError) {
    return {
      error: new MobiusError('GEMINI_BAD_RESPONSE', 'Gemini sent a reply Mobius could not read.', { model: ctx.model, operation: ctx.operation }, { cause: error }),
      retryable: true,
      type: 'malformed_response',
    };
  }
  return {
    error: new MobiusError('INTERNAL', `Unexpected error while calling Gemini: ${message}`, { model: ctx.model, operation: ctx.operation }, { cause: error }),
    retryable: false,
    type: 'internal',
  };
}

function classifyHttp(status: number, error: Error, ctx: ClassifyContext): Classified {
  const body = parseErrorBody(error.message);
  const apiMessage = body?.message ?? '';
  const base = { model: ctx.model, operation: ctx.operation, http_status: status, api_status: body?.status ?? null };
  const reason = detailOfType(body, 'ErrorInfo')?.['reason'];
  // "You do not have permission to access the File x or it may not exist": the
  // uploaded copy expired or was deleted — not a problem with the key.
  const fileGone = (status === 403 && /\bFile\b/.test(apiMessage) && reason === undefined) || (status === 404 && ctx.resource === 'file');
  if (fileGone) {
    return {
      error: new MobiusError(
        'GEMINI_INVALID_REQUEST',
        "Gemini no longer has the uploaded copy of the PDF (it may have expired or been deleted). Run the extraction again to upload it afresh.",
        { ...base, reason: 'file_not_accessible' },
      ),
      retryable: false,
      type: 'file_not_accessible',
      httpStatus: status,
    };
  }
  if (status === 401 || status === 403 || reason === 'API_KEY_INVALID' || (status === 400 && /api key/i.test(apiMessage))) {
    const invalid = reason === 'API_KEY_INVALID' || status === 400;
    return {
      error: new MobiusError(
        'GEMINI_AUTH',
        invalid
          ? 'Gemini rejected the API key; a valid Gemini API key is needed.'
          : 'Gemini refused access with this API key (permission denied). Check that the key is enabled for the Gemini API, or create a new one.',
        { ...base, reason: typeof reason === 'string' ? reason : null },
      ),
      retryable: false,
      type: 'auth',
      httpStatus: status,
    };
  }
  if (status === 404) {
    const successor = successorOf(ctx.model);
    return {
      error: new MobiusError(
        'GEMINI_MODEL_NOT_FOUND',
        successor
          ? `The Gemini model "${ctx.model}" has been retired; its successor is "${successor}".`
          : `The Gemini model "${ctx.model}" does not exist or is not available to this API key.`,
        { ...base, successor },
      ),
      retryable: false,
      type: 'not_found',
      httpStatus: status,
    };
  }
  if (status === 429) {
    const quota = exhaustedQuota(body);
    if (quota) {
      // A daily or free-tier cap: retrying within the day only spends more requests against it.
      return {
        error: new MobiusError(
          'GEMINI_QUOTA_EXHAUSTED',
          `The Gemini API key has used up its ${quota.daily ? 'daily' : 'free-tier'} quota for "${ctx.model}" (${quota.quotaId}). Retrying today will not help.`,
          { ...base, quota_id: quota.quotaId, quota_metric: quota.quotaMetric, daily: quota.daily, free_tier: quota.freeTier },
        ),
        retryable: false,
        type: 'quota_exhausted',
        httpStatus: status,
      };
    }
    const retryAfterMs = parseRetryDelay(detailOfType(body, 'RetryInfo')?.['retryDelay']);
    return {
      error: new MobiusError(
        'GEMINI_RATE_LIMITED',
        `Gemini's rate limit or quota for "${ctx.model}" was reached.` + (retryAfterMs !== undefined ? ` Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : ' Try again in a minute.'),
        { ...base, retry_after_seconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : null },
      ),
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      type: 'rate_limited',
      httpStatus: status,
    };
  }
  if (RETRYABLE_STATUS.has(status)) {
    // Overload answers may carry RetryInfo too; it is honoured the same way.
    const retryAfterMs = parseRetryDelay(detailOfType(body, 'RetryInfo')?.['retryDelay']);
    return {
      error: new MobiusError('GEMINI_UNAVAILABLE', `Gemini is temporarily unavailable (${body?.status ?? status}). Try again in a few minutes.`, base),
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      type: 'unavailable',
      httpStatus: status,
    };
  }
  // 400 INVALID_ARGUMENT / FAILED_PRECONDITION and anything else: the same request will fail again.
  return {
    error: new MobiusError('GEMINI_INVALID_REQUEST', `Gemini refused the request: ${apiMessage || `HTTP ${status}`}`, base),
    retryable: false,
    type: 'invalid_request',
    httpStatus: status,
  };
}
