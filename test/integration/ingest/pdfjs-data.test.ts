import { existsSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documentOptions, readPdfEvidence } from '../../../electron/core/ingest/pdf-evidence';
import { pdfjsDataOptions } from '../../../electron/core/ingest/pdfjs-data';
import { cjkPdf } from '../../fixtures/pdf/cjk-pdf';

/** pdf.js warnings (verbosity 1) while reading the first page's text and operators. */
async function warningsWhileReading(bytes: Uint8Array, options: Record<string, unknown>): Promise<string[]> {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(args.join(' '));
  vi.spyOn(console, 'log').mockImplementation(record);
  vi.spyOn(console, 'warn').mockImplementation(record);
  try {
    const doc = await pdfjs.getDocument({ ...options, verbosity: 1 } as never).promise;
    const page = await doc.getPage(1);
    await page.getTextContent();
    await page.getOperatorList();
    await doc.cleanup();
  } finally {
    vi.restoreAllMocks();
  }
  return lines.filter((l) => l.includes('Warning'));
}

afterEach(() => vi.restoreAllMocks());

describe('pdf.js data files (CMaps, standard fonts, wasm, ICC) from pdfjs-dist', () => {
  it('points at folders that exist, in the form pdf.js requires (trailing "/")', () => {
    const options = pdfjsDataOptions();
    for (const [key, file] of [
      ['cMapUrl', 'UniJIS-UCS2-H.bcmap'],
      ['standardFontDataUrl', 'LiberationSans-Regular.ttf'],
      ['wasmUrl', 'openjpeg.wasm'],
      ['iccUrl', 'CGATS001Compat-v2-micro.icc'],
    ] as const) {
      expect(options[key].endsWith('/'), key).toBe(true);
      expect(existsSync(`${options[key]}${file}`), `${key}${file}`).toBe(true);
    }
    expect(documentOptions(new Uint8Array())).toMatchObject(options);
  });

  it('reads CJK text whose encoding is a predefined CMap (nothing without cMapUrl)', async () => {
    const bytes = await cjkPdf('日本語ガイド');
    const evidence = await readPdfEvidence(new Uint8Array(bytes));
    expect(evidence.pages[0]!.texts.map((t) => t.str).join('')).toBe('日本語ガイド');

    const { cMapUrl: _c, standardFontDataUrl: _s, wasmUrl: _w, iccUrl: _i, ...bare } = documentOptions(new Uint8Array(bytes));
    const warnings = await warningsWhileReading(new Uint8Array(bytes), bare);
    expect(warnings.join('\n')).toMatch(/cMapUrl/);
  });

  it('loads standard-font data for a PDF that does not embed Helvetica', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 200]).drawText('Brand Blue #0B5FA5', { x: 20, y: 100, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
    const bytes = await doc.save();
    const withData = await warningsWhileReading(new Uint8Array(bytes), documentOptions(new Uint8Array(bytes)));
    expect(withData).toEqual([]);
    const { standardFontDataUrl: _s, ...bare } = documentOptions(new Uint8Array(bytes));
    expect((await warningsWhileReading(new Uint8Array(bytes), bare)).join('\n')).toMatch(/standardFontDataUrl/);
  });
});
