import type { Settings } from '../../../shared/schema/settings';
import type { OperationType } from './models';

/**
 * Google ends a unary generateContent call after about ten minutes. Waiting
 * longer than that never gets an answer; giving up earlier on a call the
 * server is still working on wastes it (an aborted call is still billed).
 */
export const SERVER_CALL_CAP_MS = 600_000;

/**
 * No attempt waits longer than this: a little past the server's own cap, so a
 * slow but live call ends with the server's 504 DEADLINE_EXCEEDED (retryable)
 * rather than with our abort.
 */
export const MAX_ATTEMPT_TIMEOUT_MS = SERVER_CALL_CAP_MS + 30_000;

/**
 * First-attempt timeouts of the calls that think hard (thinking level HIGH):
 * a guideline PDF of up to 1000 pages may take the server's whole window; an
 * audit reads one image with the full guidelines.
 */
export const THINKING_TIMEOUT_MS = {
  pdf_parsing: MAX_ATTEMPT_TIMEOUT_MS,
  compliance_audit: 300_000,
} as const;

/**
 * The first attempt's timeout for an operation (later attempts grow, up to
 * MAX_ATTEMPT_TIMEOUT_MS): thinking calls the fixed times above, images
 * `generation_timeout_ms`, short requests `request_timeout_ms`.
 */
export function timeoutFor(operation: OperationType, settings: Pick<Settings, 'request_timeout_ms' | 'generation_timeout_ms'>): number {
  switch (operation) {
    case 'pdf_parsing':
    case 'compliance_audit':
      return THINKING_TIMEOUT_MS[operation];
    case 'image_generation':
    case 'image_edit':
      return Math.min(MAX_ATTEMPT_TIMEOUT_MS, settings.generation_timeout_ms);
    default:
      return Math.min(MAX_ATTEMPT_TIMEOUT_MS, settings.request_timeout_ms);
  }
}
