// Large guideline PDFs go through the Files API: the real SDK uploads with the
// resumable protocol to the fake, the client polls until ACTIVE, extracts with a
// fileData part and deletes the upload. Small PDFs stay inline.
import { GoogleGenAI, createPartFromUri } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { MAX_INLINE_PDF_BYTES, MAX_PDF_BYTES, REQUEST_HEADROOM_BYTES, backoffDelay, classifyError, realSleep } from '../../../electron/core/gemini';
import { startFakeGemini, type FakeGemini, type RecordedRequest } from '../../fakes/gemini-server';
import { SENTINEL_KEY, testClient } from './helpers';

let fake: FakeGemini;

/** A small valid PDF padded with a comment to `size` bytes (cheap: one allocation). */
function paddedPdf(size: number): Buffer {
  const head = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '%',
  ].join('\n');
  const pdf = Buffer.alloc(size, 0x78); // 'x': the rest is the body of the final comment line
  pdf.write(head, 0, 'latin1');
  pdf[size - 1] = 0x0a;
  return pdf;
}

const BIG = paddedPdf(25_000_000);
/** Two upload chunks. */
const MID = paddedPdf(14_000_000);
/**
 * A prompt over the request headroom sends any PDF through the Files API
 * (every PDF up to 50 MB fits inline otherwise), so these tests upload
 * without 50 MB buffers.
 */
const viaUpload = { localEvidence: { notes: 'x'.repeat(REQUEST_HEADROOM_BYTES) } };

const fileSteps = (requests: RecordedRequest[]) => requests.map((r) => (r.operation === 'uploadChunk' ? `chunk:${r.uploadCommand}` : r.operation));
const callLines = (records: Array<Record<string, unknown>>) => records.filter((r) => r['event'] === 'gemini.call');

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: SENTINEL_KEY });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe('extractGuidelines above the inline limit (Files API)', () => {
  it('uploads a 25 MB PDF, waits for ACTIVE, extracts with fileData, then deletes the upload', async () => {
    const { client, logger, sleeps } = testClient(fake.baseUrl);
    const result = await client.extractGuidelines(BIG, { ...viaUpload, filename: 'big-brand-book.pdf', brandId: 'brand-1' });

    expect(BrandGuidelines.safeParse(result).success).toBe(true);
    expect(result.colors.map((c) => c.hex)).toContain('#0057B8');
    expect(result.source_filename).toBe('big-brand-book.pdf');

    // Resumable upload in the SDK's 8 MiB chunks, one PROCESSING poll, then ACTIVE.
    expect(fileSteps(fake.requests)).toEqual([
      'uploadStart',
      'chunk:upload',
      'chunk:upload',
      'chunk:upload, finalize',
      'getFile',
      'getFile',
      'generateContent',
      'deleteFile',
    ]);
    const start = fake.requests[0]!;
    expect(start.headers['x-goog-upload-protocol']).toBe('resumable');
    expect(start.headers['x-goog-upload-header-content-length']).toBe('25000000');
    expect(start.headers['x-goog-upload-header-content-type']).toBe('application/pdf');
    expect(fake.requests.filter((r) => r.operation === 'uploadChunk').reduce((sum, r) => sum + r.bodyBytes, 0)).toBe(BIG.length);
    expect(fake.requests.every((r) => r.apiKeyPresent && r.status === 200)).toBe(true);

    const fileName = fake.requests.find((r) => r.uploadCommand === 'upload, finalize')!.fileName!;
    const generate = fake.requestsFor({ operation: 'generateContent' });
    expect(generate.map((r) => r.model)).toEqual(['gemini-3.1-pro-preview']);
    const parts = generate[0]!.body.contents!.at(-1)!.parts!;
    expect(parts[0]!.fileData).toEqual({ fileUri: `${fake.baseUrl}/v1beta/files/${fileName.slice('files/'.length)}`, mimeType: 'application/pdf' });
    expect(parts.some((p) => p.inlineData)).toBe(false);
    expect(generate[0]!.bodyBytes).toBeLessThan(BIG.length / 10);

    // Nothing left on the "server".
    expect(fake.deletedFiles).toEqual([fileName]);
    expect(fake.files.size).toBe(0);
    expect(sleeps).toEqual([1_000, 2_000]);

    // One log line per API call, all pdf_parsing on the reasoning model, Files API steps named.
    const calls = callLines(logger.records());
    expect(calls.map((c) => c['files_api'] ?? 'generate')).toEqual(['file_upload', 'file_status', 'file_status', 'generate', 'file_delete']);
    for (const call of calls) expect(call).toMatchObject({ operation_type: 'pdf_parsing', model_name: 'gemini-3.1-pro-preview', success: true, brand_id: 'brand-1' });
    expect(calls[0]).toMatchObject({ file_bytes: 25_000_000, http_requests: 4 });
    expect(logger.lines.join('\n')).not.toContain(SENTINEL_KEY);
    expect(logger.lines.join('\n')).not.toContain(BIG.subarray(0, 64).toString('base64'));
  });

  it('keeps a small PDF inline: no Files API traffic', async () => {
    const { client } = testClient(fake.baseUrl);
    const small = paddedPdf(200_000);
    const result = await client.extractGuidelines(small, { filename: 'small.pdf' });
    expect(result.colors).toHaveLength(5);
    expect(fileSteps(fake.requests)).toEqual(['generateContent']);
    const pdfPart = fake.requests[0]!.body.contents!.at(-1)!.parts![0]!;
    expect(Buffer.from(pdfPart.inlineData!.data!, 'base64').equals(small)).toBe(true);
  });

  it('sends a 50 MB PDF inline, and uploads one a byte larger', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.setFileLifecycle({ processingPolls: 0 });
    const atLimit = paddedPdf(MAX_INLINE_PDF_BYTES);
    await client.extractGuidelines(atLimit, { filename: 'limit.pdf' });
    expect(fileSteps(fake.requests)).toEqual(['generateContent']);
    expect(fake.requests[0]!.status).toBe(200);
    fake.reset();
    fake.setFileLifecycle({ processingPolls: 0 });
    await client.extractGuidelines(paddedPdf(MAX_INLINE_PDF_BYTES + 1), { filename: 'edge.pdf' });
    expect(fileSteps(fake.requests)).toEqual([
      'uploadStart',
      ...Array.from({ length: 5 }, () => 'chunk:upload'),
      'chunk:upload, finalize',
      'generateContent',
      'deleteFile',
    ]);
  });

  it('retries a failed upload per the policy (whole upload restarted after the backoff)', async () => {
    const { client, sleeps, logger } = testClient(fake.baseUrl);
    fake.setFileLifecycle({ processingPolls: 0 });
    // The upload session starts, its first chunk fails with 503: the SDK gives up, Mobius restarts the upload.
    fake.enqueue({ kind: 'error', status: 'UNAVAILABLE', message: 'Upload backend overloaded.' }, { operation: 'uploadChunk' });
    await client.extractGuidelines(MID, { ...viaUpload, filename: 'retry.pdf' });
    expect(fileSteps(fake.requests)).toEqual(['uploadStart', 'chunk:upload', 'uploadStart', 'chunk:upload', 'chunk:upload, finalize', 'generateContent', 'deleteFile']);
    expect(fake.requests[1]!.status).toBe(503);
    expect(sleeps).toEqual([backoffDelay(0, () => 0.5)]);
    const uploads = callLines(logger.records()).filter((c) => c['files_api'] === 'file_upload');
    expect(uploads).toEqual([
      expect.objectContaining({ success: false, error_type: 'unavailable', http_status: 503, will_retry: true, attempt: 1 }),
      expect.objectContaining({ success: true, attempt: 2, http_requests: 3 }),
    ]);
    expect(fake.deletedFiles).toHaveLength(1);
  });

  it('503 on every upload attempt → 4 attempts, then GEMINI_UNAVAILABLE; nothing to delete', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue(Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 'UNAVAILABLE' as const })), { operation: 'uploadStart' });
    await expect(client.extractGuidelines(MID, { ...viaUpload, filename: 'down.pdf' })).rejects.toMatchObject({ code: 'GEMINI_UNAVAILABLE', details: { requests: 4 } });
    expect(fileSteps(fake.requests)).toEqual(['uploadStart', 'uploadStart', 'uploadStart', 'uploadStart']);
    expect(sleeps).toHaveLength(3);
  });

  it('an invalid key fails the upload at once with GEMINI_AUTH', async () => {
    const { client } = testClient(fake.baseUrl, { apiKey: 'not-the-key' });
    await expect(client.extractGuidelines(MID, { ...viaUpload, filename: 'k.pdf' })).rejects.toMatchObject({ code: 'GEMINI_AUTH' });
    expect(fileSteps(fake.requests)).toEqual(['uploadStart']);
  });

  it('cancellation while polling aborts, and the upload is still deleted', async () => {
    const controller = new AbortController();
    const sleeps: number[] = [];
    const { client } = testClient(fake.baseUrl, {
      sleep: (ms, signal) => {
        sleeps.push(ms);
        if (sleeps.length === 2) controller.abort();
        return realSleep(1, signal);
      },
    });
    fake.setFileLifecycle({ processingPolls: 1_000 });
    await expect(client.extractGuidelines(MID, { ...viaUpload, filename: 'c.pdf', signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sleeps).toEqual([1_000, 2_000]);
    expect(fake.requestsFor({ operation: 'generateContent' })).toHaveLength(0);
    expect(fake.requestsFor({ operation: 'getFile' })).toHaveLength(1);
    expect(fake.deletedFiles).toHaveLength(1);
    expect(fake.files.size).toBe(0);
  });

  it('cancellation aborts an upload in flight (the SDK passes no signal; the client does)', async () => {
    const controller = new AbortController();
    const { client } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'hang' }, { operation: 'uploadChunk' });
    const pending = client.extractGuidelines(MID, { ...viaUpload, filename: 'h.pdf', signal: controller.signal });
    while (fake.requestsFor({ operation: 'uploadChunk' }).length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fileSteps(fake.requests)).toEqual(['uploadStart', 'chunk:upload']);
  });

  it('a file that fails processing → GEMINI_INVALID_REQUEST, deleted, never sent to the model', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.setFileLifecycle({ processingPolls: 1, finalState: 'FAILED' });
    const error = await client.extractGuidelines(MID, { ...viaUpload, filename: 'broken.pdf' }).then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'GEMINI_INVALID_REQUEST', details: { reason: 'file_processing_failed' } });
    expect(error.message).toContain('broken.pdf');
    expect(fileSteps(fake.requests)).toEqual(['uploadStart', 'chunk:upload', 'chunk:upload, finalize', 'getFile', 'getFile', 'deleteFile']);
  });

  it('gives up after the bounded wait when the file stays PROCESSING', async () => {
    const { client, sleeps } = testClient(fake.baseUrl, { filePolling: { firstDelayMs: 1_000, maxDelayMs: 4_000, maxWaitMs: 10_000 } });
    fake.setFileLifecycle({ processingPolls: 1_000 });
    await expect(client.extractGuidelines(MID, { ...viaUpload, filename: 'slow.pdf' })).rejects.toMatchObject({
      code: 'GEMINI_UNAVAILABLE',
      details: { reason: 'file_processing_timeout', waited_ms: 7_000 },
    });
    expect(sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(fake.deletedFiles).toHaveLength(1);
  });

  it('a failed delete is logged, retried per the policy, and never fails the extraction', async () => {
    const { client, logger } = testClient(fake.baseUrl);
    fake.setFileLifecycle({ processingPolls: 0 });
    fake.enqueue(Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 'INTERNAL' as const })), { operation: 'deleteFile' });
    const result = await client.extractGuidelines(MID, { ...viaUpload, filename: 'd.pdf' });
    expect(result.colors).toHaveLength(5);
    expect(fake.requestsFor({ operation: 'deleteFile' })).toHaveLength(4);
    expect(logger.records().filter((r) => r['event'] === 'gemini.file_cleanup_failed')).toEqual([expect.objectContaining({ error_code: 'GEMINI_UNAVAILABLE' })]);
  });

  it('refuses PDFs over 50 MiB with FILE_TOO_LARGE before any request', async () => {
    const { client } = testClient(fake.baseUrl);
    const error = await client.extractGuidelines(new Uint8Array(MAX_PDF_BYTES + 1), { filename: 'huge.pdf' }).then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limit: MAX_PDF_BYTES } });
    expect(error.message).toMatch(/huge\.pdf.*50 MB/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('fake Files API checks on generateContent', () => {
  const sdk = () => new GoogleGenAI({ apiKey: SENTINEL_KEY, httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta', timeout: 10_000 } });
  const model = 'gemini-3.1-pro-preview';

  it('rejects an unknown or deleted file with 403 PERMISSION_DENIED, mapped to a file error (not an auth error)', async () => {
    const error = await sdk()
      .models.generateContent({ model, contents: [{ role: 'user', parts: [createPartFromUri(`${fake.baseUrl}/v1beta/files/nope`, 'application/pdf'), { text: 'x' }] }] })
      .then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ status: 403 });
    expect(error.message).toContain('You do not have permission to access the File nope or it may not exist.');
    const classified = classifyError(error, { model, operation: 'pdf_parsing', timedOut: false, cancelled: false });
    expect(classified).toMatchObject({ retryable: false, type: 'file_not_accessible', error: { code: 'GEMINI_INVALID_REQUEST' } });
  });

  it('rejects a file that is not ACTIVE yet with 400 FAILED_PRECONDITION', async () => {
    fake.setFileLifecycle({ processingPolls: 3 });
    const file = await sdk().files.upload({ file: new Blob([paddedPdf(1_000)]), config: { mimeType: 'application/pdf', displayName: 'p.pdf' } });
    expect(file.state).toBe('PROCESSING');
    const error = await sdk()
      .models.generateContent({ model, contents: [{ role: 'user', parts: [createPartFromUri(file.uri!, file.mimeType!)] }] })
      .then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ status: 400 });
    expect(error.message).toContain('FAILED_PRECONDITION');
    await sdk().files.delete({ name: file.name! });
    await expect(sdk().files.get({ name: file.name! })).rejects.toMatchObject({ status: 403 });
  });
});
