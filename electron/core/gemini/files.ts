// The Files API lifecycle for one PDF: upload (resumable), wait until ACTIVE,
// use, delete — the delete always runs, so confidential guidelines never
// linger on Google's side for the 48 h a file lives.
import { FileState, createPartFromUri, type File as GeminiFile, type Part } from '@google/genai';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import type { GeminiContext } from './context';
import { pollDelay, uploadTimeoutMs } from './pdf-transport';
import type { CallOptions } from './types';

type FileOptions = CallOptions & { filename: string };

const fileLog = (step: 'file_upload' | 'file_status' | 'file_delete', name?: string) => ({ files_api: step, ...(name ? { file_name: name } : {}) });

/** Upload the PDF, hand `use` a part that references it once it is ACTIVE, and delete it afterwards whatever happened. */
export async function withUploadedPdf<T>(ctx: GeminiContext, pdfBytes: Uint8Array, options: FileOptions, use: (part: Part) => Promise<T>): Promise<T> {
  const uploaded = await uploadPdf(ctx, pdfBytes, options);
  try {
    const active = await waitUntilActive(ctx, uploaded, options);
    return await use(createPartFromUri(active.uri ?? uploaded.uri!, active.mimeType ?? 'application/pdf'));
  } finally {
    await deleteUploadedFile(ctx, uploaded.name!, options);
  }
}

/** Upload through the Files API (resumable protocol), retried as a whole like any call. */
async function uploadPdf(ctx: GeminiContext, pdfBytes: Uint8Array, options: FileOptions): Promise<GeminiFile> {
  const model = ctx.reasoning.model;
  const blob = new Blob([pdfBytes], { type: 'application/pdf' });
  let httpRequests = 0;
  const { value } = await ctx.call({
    operation: 'pdf_parsing',
    model,
    options,
    resource: 'file',
    baseTimeoutMs: uploadTimeoutMs(ctx.settings.request_timeout_ms, pdfBytes.byteLength),
    logFields: () => ({ ...fileLog('file_upload'), file_bytes: pdfBytes.byteLength, http_requests: httpRequests }),
    request: (signal) => {
      httpRequests = 0;
      const files = ctx.uploadClient(signal, () => void httpRequests++).files;
      // Display names are capped at 512 characters by the API.
      return files.upload({ file: blob, config: { mimeType: 'application/pdf', displayName: options.filename.slice(0, 512) } });
    },
    interpret: (file) => {
      if (typeof file?.name !== 'string' || typeof file.uri !== 'string') {
        throw new MobiusError('GEMINI_BAD_RESPONSE', 'Gemini accepted the PDF upload but did not say where the file is.', { model, operation: 'pdf_parsing', transport: true });
      }
      return file;
    },
  });
  return value;
}

/** Poll files.get until the upload is ACTIVE, within the poll budget; FAILED and a spent budget are errors. */
async function waitUntilActive(ctx: GeminiContext, file: GeminiFile, options: FileOptions): Promise<GeminiFile> {
  const model = ctx.reasoning.model;
  let current = file;
  let waited = 0;
  for (let poll = 0; ; poll++) {
    if (current.state === FileState.ACTIVE) return current;
    if (current.state === FileState.FAILED) {
      throw new MobiusError(
        'GEMINI_INVALID_REQUEST',
        `Gemini could not process "${options.filename}"${current.error?.message ? ` (${current.error.message})` : ''}. Check that the PDF opens in a PDF viewer, or export it again, then retry.`,
        { model, operation: 'pdf_parsing', reason: 'file_processing_failed', file_name: file.name },
      );
    }
    const delay = pollDelay(poll, waited, ctx.filePolling);
    if (delay === null) {
      throw new MobiusError(
        'GEMINI_UNAVAILABLE',
        `Gemini was still processing "${options.filename}" after ${Math.round(waited / 1000)} s. Try again in a few minutes.`,
        { model, operation: 'pdf_parsing', reason: 'file_processing_timeout', file_name: file.name, waited_ms: waited },
      );
    }
    try {
      await ctx.sleep(delay, options.signal);
    } catch {
      throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: 'pdf_parsing' });
    }
    if (options.signal?.aborted) throw new MobiusError('CANCELLED', 'The request was cancelled.', { operation: 'pdf_parsing' });
    waited += delay;
    const name = file.name!;
    current = (
      await ctx.call({
        operation: 'pdf_parsing',
        model,
        options,
        resource: 'file',
        baseTimeoutMs: ctx.settings.request_timeout_ms,
        logFields: () => ({ ...fileLog('file_status', name), poll: poll + 1 }),
        request: (signal) => ctx.ai.files.get({ name, config: { abortSignal: signal } }),
        interpret: (value) => value,
      })
    ).value;
  }
}

/**
 * Delete the upload, even after a failure or a cancellation (so without the
 * caller's signal). Best effort — a failed delete is logged, never thrown.
 */
async function deleteUploadedFile(ctx: GeminiContext, name: string, options: CallOptions): Promise<void> {
  try {
    await ctx.call({
      operation: 'pdf_parsing',
      model: ctx.reasoning.model,
      options: { brandId: options.brandId ?? null },
      resource: 'file',
      baseTimeoutMs: ctx.settings.request_timeout_ms,
      logFields: () => fileLog('file_delete', name),
      request: (signal) => ctx.ai.files.delete({ name, config: { abortSignal: signal } }),
      interpret: () => undefined,
    });
  } catch (error) {
    ctx.logger.warn('gemini.file_cleanup_failed', {
      file_name: name,
      brand_id: options.brandId ?? null,
      error_code: isMobiusError(error) ? error.code : 'INTERNAL',
      note: 'The uploaded copy expires on its own after 48 hours.',
    });
  }
}
