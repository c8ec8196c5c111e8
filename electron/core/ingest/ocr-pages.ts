import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { englishOcrSlot } from '../runtime/tesseract';
import type { FillEvidence, PageEvidence, TextEvidence } from './evidence-types';
import { findRasterSwatches } from './raster-swatches';

/**
 * Pages without a text layer (text converted to outlines, scanned or flattened pages) are
 * rendered with pdf.js (its Node canvas) and read with tesseract.js — offline, English model
 * from node_modules — so their text, with positions, feeds the same pairing, role and typography
 * logic. Pages painted as images also get their flat swatches from the pixels.
 */
export interface OcrBudget {
  /** Render and read at most this many pages. */
  maxPages: number;
  /** Pixels per rendered page (the scale shrinks for large pages). */
  maxPixels: number;
  /** Stop starting new pages after this many milliseconds of OCR. */
  timeBudgetMs: number;
}

export const DEFAULT_OCR_BUDGET: OcrBudget = { maxPages: 24, maxPixels: 6_000_000, timeBudgetMs: 120_000 };

/** ~216 dpi: 8 pt captions come out about 24 px high, which tesseract reads reliably. */
const TARGET_SCALE = 3;

const ocr = englishOcrSlot();

export async function closePageOcr(): Promise<void> {
  await ocr.close();
}

/** A page needs OCR when it has (almost) no text layer but shows something: glyph outlines or an image. */
export function needsOcr(page: PageEvidence): boolean {
  const chars = page.texts.reduce((n, t) => n + t.str.trim().length, 0);
  if (chars >= 12) return false;
  // Glyph outlines: curved, sparse shapes no taller than a line of display type (one per glyph, word or line).
  const glyphLike = page.fills.filter((f) => !f.rect && f.box.h < 0.08 && (f.coverage ?? 1) < 0.7).length;
  const imageCover = page.images.reduce((a, i) => a + i.box.w * i.box.h, 0);
  return glyphLike >= 2 || imageCover >= 0.25;
}

/** Fix the letters OCR confuses in printed hex codes ("#0O3A6B" → "#003A6B"). */
export function repairHex(word: string): string {
  return word.replace(/#[0-9A-Za-z|]{6}(?![0-9A-Za-z])/g, (m) =>
    m
      .replace(/[Oo]/g, '0')
      .replace(/[Il|i]/g, '1')
      .replace(/[Ss]/g, '5')
      .replace(/[Zz]/g, '2')
      .replace(/G/g, '6')
      .replace(/g/g, '9')
      .toUpperCase(),
  );
}

interface CanvasLike {
  width: number;
  height: number;
  toBuffer(mime: 'image/png'): Uint8Array;
}
interface ContextLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

/** Render one page, OCR it and add what it shows to its evidence (text, and swatches found in pixels). */
export async function ocrPage(pdfPage: PdfJsModule.PDFPageProxy, doc: PdfJsModule.PDFDocumentProxy, evidence: PageEvidence, budget: OcrBudget): Promise<void> {
  const base = pdfPage.getViewport({ scale: 1 });
  const scale = Math.min(TARGET_SCALE, Math.sqrt(budget.maxPixels / (base.width * base.height)));
  const viewport = pdfPage.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: CanvasLike; context: ContextLike }; destroy(c: unknown): void } }).canvasFactory;
  const target = factory.create(width, height);
  try {
    target.context.fillStyle = '#FFFFFF';
    target.context.fillRect(0, 0, width, height);
    await pdfPage.render({ canvasContext: target.context as never, canvas: target.canvas as never, viewport }).promise;
    const imageCover = evidence.images.reduce((a, i) => a + i.box.w * i.box.h, 0);
    if (imageCover >= 0.25) {
      const pixels = target.context.getImageData(0, 0, width, height).data;
      const swatches: FillEvidence[] = findRasterSwatches(pixels, width, height).filter((s) => evidence.images.some((i) => i.box.x <= s.box.x + 0.01 && i.box.y <= s.box.y + 0.01));
      evidence.fills.push(...swatches);
    }
    const png = target.canvas.toBuffer('image/png');
    const worker = await ocr.get();
    const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
    const texts: TextEvidence[] = [];
    for (const block of data.blocks ?? []) {
      for (const para of block.paragraphs) {
        for (const line of para.lines) {
          const lineHeight = (line.bbox.y1 - line.bbox.y0) / scale;
          for (const word of line.words) {
            const str = repairHex(word.text.trim());
            if (!str || word.confidence < 30) continue;
            const { x0, y0, x1, y1 } = word.bbox;
            texts.push({
              str,
              box: { x: x0 / width, y: y0 / height, w: Math.max(1, x1 - x0) / width, h: Math.max(1, y1 - y0) / height },
              // Line boxes span ascender to descender, about one em.
              size: Math.max(4, lineHeight * 0.95),
              font: 'ocr',
              ocr: true,
            });
          }
        }
      }
    }
    evidence.texts.push(...texts);
    evidence.ocr = true;
  } finally {
    factory.destroy(target);
  }
}
