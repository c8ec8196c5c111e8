// How a guideline PDF reaches Gemini: inline in the generateContent request
// while the whole request stays under Google's inline size limit, through the
// Files API above it. Pure, so the thresholds are unit-tested.
import { MobiusError } from '../../../shared/errors';

/**
 * Google's cap on one generateContent request carrying inline data: 100 MB,
 * taken as decimal megabytes (100,000,000 bytes) — the smaller reading.
 */
export const INLINE_REQUEST_LIMIT_BYTES = 100_000_000;

/**
 * Room kept for everything in the request that is not the PDF: the extraction
 * system instruction (~3 KB), the slim model-facing schema (~2 KB), the
 * prompt with the locally measured evidence (typically tens of KB) and the
 * JSON framing. 1 MB leaves a wide margin; a prompt larger than this sends the
 * PDF through the Files API whatever its size.
 */
export const REQUEST_HEADROOM_BYTES = 1_000_000;

/**
 * Largest PDF sent inline: Gemini reads inline PDFs up to 50 MB (decimal, the
 * smaller reading). Its base64 (4 bytes per 3, ≈ 66.7 MB) plus the headroom
 * stays inside the request cap.
 */
export const MAX_INLINE_PDF_BYTES = 50_000_000;

/** The largest PDF Mobius sends at all: the app's import limit (50 MiB); between 50 MB and 50 MiB it goes through the Files API. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

export type PdfTransport = 'inline' | 'upload';

/** Base64 length of `n` bytes. */
export const base64Length = (n: number): number => 4 * Math.ceil(n / 3);

/**
 * Inline while the PDF and the rest of the request fit their budgets; upload
 * otherwise; FILE_TOO_LARGE above 50 MiB.
 */
export function choosePdfTransport(pdfBytes: number, otherRequestBytes: number, filename = 'This PDF'): PdfTransport {
  if (pdfBytes > MAX_PDF_BYTES) {
    throw new MobiusError(
      'FILE_TOO_LARGE',
      `"${filename}" is ${(pdfBytes / 1024 / 1024).toFixed(1)} MB; Gemini reads PDFs up to 50 MB. Export a lighter version (compressed images, fewer pages) and try again.`,
      { bytes: pdfBytes, limit: MAX_PDF_BYTES },
    );
  }
  return pdfBytes <= MAX_INLINE_PDF_BYTES && otherRequestBytes <= REQUEST_HEADROOM_BYTES ? 'inline' : 'upload';
}

/**
 * Throughput assumed when sizing an upload attempt's timeout: 250 bytes/ms
 * (2 Mbit/s, a slow office uplink). A 50 MiB PDF gets the request timeout plus
 * ~210 s, growing per attempt like every other timeout.
 */
export const UPLOAD_MIN_BYTES_PER_MS = 250;

export function uploadTimeoutMs(requestTimeoutMs: number, bytes: number): number {
  return requestTimeoutMs + Math.ceil(bytes / UPLOAD_MIN_BYTES_PER_MS);
}

/** How long to wait for an uploaded file to leave PROCESSING. */
export interface FilePollPolicy {
  /** Wait before the first status check. */
  firstDelayMs: number;
  /** Each wait doubles up to this. */
  maxDelayMs: number;
  /** Total waiting (sum of the planned waits) before giving up. */
  maxWaitMs: number;
}

export const DEFAULT_FILE_POLL_POLICY: FilePollPolicy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxWaitMs: 120_000 };

/**
 * The wait before status check number `poll` (0-based), or null once the
 * budget is spent. Counted from planned waits rather than the wall clock, so
 * the bound holds (and is testable) whatever the sleep implementation.
 */
export function pollDelay(poll: number, waitedMs: number, policy: FilePollPolicy = DEFAULT_FILE_POLL_POLICY): number | null {
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** poll);
  return waitedMs + delay > policy.maxWaitMs ? null : delay;
}
