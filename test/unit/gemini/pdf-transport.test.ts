import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../../../electron/core/gemini/model-schemas';
import {
  DEFAULT_FILE_POLL_POLICY,
  INLINE_REQUEST_LIMIT_BYTES,
  MAX_INLINE_PDF_BYTES,
  MAX_PDF_BYTES,
  REQUEST_HEADROOM_BYTES,
  base64Length,
  choosePdfTransport,
  pollDelay,
  uploadTimeoutMs,
} from '../../../electron/core/gemini/pdf-transport';
import { EXTRACTION_SYSTEM, extractionPrompt } from '../../../electron/core/gemini/prompts';

describe('PDF transport choice', () => {
  it('PDFs up to 50 MB go inline: their base64 and the headroom stay inside the 100 MB request cap', () => {
    expect(MAX_INLINE_PDF_BYTES).toBe(50_000_000);
    expect(INLINE_REQUEST_LIMIT_BYTES).toBe(100_000_000);
    expect(base64Length(MAX_INLINE_PDF_BYTES) + REQUEST_HEADROOM_BYTES).toBeLessThanOrEqual(INLINE_REQUEST_LIMIT_BYTES);
  });

  it('inline up to the limit, upload above it and up to 50 MiB, FILE_TOO_LARGE beyond', () => {
    expect(choosePdfTransport(1, 0)).toBe('inline');
    expect(choosePdfTransport(MAX_INLINE_PDF_BYTES, 50_000)).toBe('inline');
    expect(choosePdfTransport(MAX_INLINE_PDF_BYTES + 1, 50_000)).toBe('upload');
    expect(choosePdfTransport(MAX_PDF_BYTES, 50_000)).toBe('upload');
    expect(() => choosePdfTransport(MAX_PDF_BYTES + 1, 0, 'brand.pdf')).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('brand.pdf') }));
  });

  it('a prompt larger than the headroom sends even a small PDF through the Files API', () => {
    expect(choosePdfTransport(10_000, REQUEST_HEADROOM_BYTES)).toBe('inline');
    expect(choosePdfTransport(10_000, REQUEST_HEADROOM_BYTES + 1)).toBe('upload');
  });

  it('an inline request never exceeds the request cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_PDF_BYTES }), fc.integer({ min: 0, max: 3_000_000 }), (pdf, other) => {
        if (choosePdfTransport(pdf, other) === 'inline') expect(base64Length(pdf) + other).toBeLessThanOrEqual(INLINE_REQUEST_LIMIT_BYTES);
      }),
    );
  });

  it('the real request without the PDF (system, schema, prompt with evidence) fits the headroom many times over', () => {
    const evidence = { colors: Array.from({ length: 200 }, (_, i) => ({ hex: '#0057B8', page: i, area: 0.123456 })), text: 'x'.repeat(20_000) };
    const other =
      Buffer.byteLength(EXTRACTION_SYSTEM) + Buffer.byteLength(JSON.stringify(modelJsonSchema('pdf_parsing'))) + Buffer.byteLength(extractionPrompt('brand.pdf', evidence));
    expect(other).toBeLessThan(REQUEST_HEADROOM_BYTES / 10);
  });

  it('upload attempts get the request timeout plus time for the bytes at 2 Mbit/s', () => {
    expect(uploadTimeoutMs(120_000, 0)).toBe(120_000);
    expect(uploadTimeoutMs(120_000, 25_000_000)).toBe(220_000);
  });
});

describe('file status polling', () => {
  it('doubles from 1 s up to 5 s', () => {
    const delays: number[] = [];
    let waited = 0;
    for (let poll = 0; poll < 6; poll++) {
      const d = pollDelay(poll, waited)!;
      delays.push(d);
      waited += d;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it('the total planned wait never exceeds maxWaitMs and polling always ends (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 0, max: 300_000 }), (first, max, budget) => {
        const policy = { firstDelayMs: first, maxDelayMs: Math.max(first, max), maxWaitMs: budget };
        let waited = 0;
        let poll = 0;
        for (;;) {
          const d = pollDelay(poll, waited, policy);
          if (d === null) break;
          waited += d;
          poll++;
        }
        expect(waited).toBeLessThanOrEqual(budget);
      }),
    );
    expect(DEFAULT_FILE_POLL_POLICY.maxWaitMs).toBe(120_000);
  });
});
