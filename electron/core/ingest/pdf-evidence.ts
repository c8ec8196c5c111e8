import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentEvidence, PageEvidence, TextEvidence } from './evidence-types';
import { walkOperators, type OpCodes, type PatternIR } from './operator-walker';
import { DEFAULT_OCR_BUDGET, closePageOcr, needsOcr, ocrPage } from './ocr-pages';
import { pdfjsDataOptions } from './pdfjs-data';

export interface EvidenceBudget {
  /** Read at most this many pages; later pages are reported in `warnings`. */
  maxPages: number;
  /** Stop reading new pages after this many milliseconds. */
  timeBudgetMs: number;
  /** Interpret at most this many operators per page. */
  maxOpsPerPage: number;
  /** Render and OCR at most this many pages without a text layer (0: never). */
  ocrPages: number;
  /** Stop starting OCR on new pages after this many milliseconds. */
  ocrTimeBudgetMs: number;
  /** Pixels per rendered page. */
  ocrMaxPixels: number;
  /** Render at most this many logo candidates from the cover and the logo pages (0: look for no logo). */
  logoCandidates: number;
}

export const DEFAULT_BUDGET: EvidenceBudget = {
  maxPages: 300,
  timeBudgetMs: 60_000,
  maxOpsPerPage: 200_000,
  ocrPages: DEFAULT_OCR_BUDGET.maxPages,
  ocrTimeBudgetMs: DEFAULT_OCR_BUDGET.timeBudgetMs,
  ocrMaxPixels: DEFAULT_OCR_BUDGET.maxPixels,
  logoCandidates: 24,
};

/** Why reading failed, in terms the caller maps to MobiusError codes. */
export class PdfReadError extends Error {
  constructor(
    readonly kind: 'encrypted' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

type PdfJs = typeof PdfJsModule;
let pdfjsPromise: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** Options that keep pdf.js offline and free of eval/font-face work we never render, with its data files wired in. */
export function documentOptions(data: Uint8Array) {
  return {
    data,
    ...pdfjsDataOptions(),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    // Font names (weak typeface evidence) are only exported with the extra properties.
    fontExtraProperties: true,
  } as const;
}

export function classifyOpenError(error: unknown): PdfReadError {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') return new PdfReadError('encrypted', message);
  return new PdfReadError('invalid', message);
}

interface Callbacks {
  onPage?: (page: PageEvidence, pageCount: number) => void;
  shouldStop?: () => boolean;
  /** Runs after the last page, while the document is still open (e.g. to render parts of pages). */
  beforeClose?: (doc: PdfJsModule.PDFDocumentProxy) => Promise<void>;
}

/**
 * Read text, vector fills and image boxes from every page (within the budget).
 * Runs wherever it is called: the evidence worker calls it so the main thread stays free.
 */
export async function readPdfEvidence(
  bytes: Uint8Array,
  budget: EvidenceBudget = DEFAULT_BUDGET,
  callbacks: Callbacks = {},
): Promise<DocumentEvidence> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(documentOptions(bytes));
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw classifyOpenError(error);
  }
  const ops = pdfjs.OPS as unknown as OpCodes;
  const warnings: string[] = [];
  const pages: PageEvidence[] = [];
  const started = Date.now();
  let title: string | null;
  const pageCount = doc.numPages;
  const limit = Math.min(pageCount, budget.maxPages);
  if (pageCount > budget.maxPages) {
    warnings.push(`Only the first ${budget.maxPages} of ${pageCount} pages were read (page budget).`);
  }
  const ocr = { pages: 0, ms: 0, skipped: 0, used: false };
  try {
    for (let n = 1; n <= limit; n++) {
      if (callbacks.shouldStop?.()) break;
      if (Date.now() - started - ocr.ms > budget.timeBudgetMs) {
        warnings.push(`Reading stopped after ${n - 1} of ${pageCount} pages (time budget of ${Math.round(budget.timeBudgetMs / 1000)} s).`);
        break;
      }
      let evidence: PageEvidence;
      try {
        evidence = await readPage(doc, n, ops, budget, ocr);
      } catch (error) {
        warnings.push(`Page ${n} could not be read: ${(error as Error).message ?? String(error)}`);
        continue;
      }
      if (evidence.truncated) warnings.push(`Page ${n} has an unusually long drawing; only its first ${budget.maxOpsPerPage} operations were read.`);
      pages.push(evidence);
      callbacks.onPage?.(evidence, pageCount);
    }
    title = await documentTitle(doc);
    await callbacks.beforeClose?.(doc);
    if (ocr.skipped > 0) {
      warnings.push(`${ocr.skipped} page(s) without a text layer were not read by OCR (budget of ${budget.ocrPages} pages / ${Math.round(budget.ocrTimeBudgetMs / 1000)} s); check their colours and labels by hand.`);
    }
  } finally {
    if (ocr.used) await closePageOcr();
    await task.destroy().catch(() => undefined);
  }
  return { pageCount, pages, warnings, title };
}

type PdfDoc = PdfJsModule.PDFDocumentProxy;

interface ObjectStore {
  has?(id: string): boolean;
  get(id: string): unknown;
}

/** A resolved pdf.js object, or null (never waits: unresolved ids throw in `get`). */
export function lookup(objs: unknown, id: string): unknown {
  try {
    return (objs as ObjectStore).get(id) ?? null;
  } catch {
    return null;
  }
}

function embeddedFontName(commonObjs: unknown, font: string, cache: Map<string, string>): string | undefined {
  const name = (lookup(commonObjs, font) as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name.length === 0) return undefined;
  cache.set(font, name);
  return name;
}

/** The document's own title (Info Title, else XMP dc:title). */
export async function documentTitle(doc: PdfDoc): Promise<string | null> {
  try {
    const meta = await doc.getMetadata();
    const info = (meta.info as { Title?: unknown } | undefined)?.Title;
    const xmp = meta.metadata?.get('dc:title');
    const title = typeof info === 'string' && info.trim() ? info : typeof xmp === 'string' ? xmp : null;
    return title?.trim() || null;
  } catch {
    return null;
  }
}

async function readPage(doc: PdfDoc, n: number, ops: OpCodes, budget: EvidenceBudget, ocr: { pages: number; ms: number; skipped: number; used: boolean }): Promise<PageEvidence> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const { width, height } = viewport;
    const vt = viewport.transform as [number, number, number, number, number, number];
    const opList = await page.getOperatorList();
    const walked = walkOperators(opList.fnArray, opList.argsArray, ops, {
      width,
      height,
      viewport: vt,
      maxOps: budget.maxOpsPerPage,
      pattern: (id) => lookup(page.objs, id) as PatternIR | null,
    });
    const content = await page.getTextContent();
    const texts: TextEvidence[] = [];
    const fontNames = new Map<string, string>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim().length === 0) continue;
      const [a, b, c, d, e, f] = item.transform as number[];
      const size = Math.hypot(c!, d!) || Math.hypot(a!, b!) || item.height;
      const x0 = e!;
      const y0 = f! - size * 0.2;
      const x1 = e! + (item.width || size * item.str.length * 0.5);
      const y1 = f! + size * 0.8;
      const pts = [
        [vt[0] * x0 + vt[2] * y0 + vt[4], vt[1] * x0 + vt[3] * y0 + vt[5]],
        [vt[0] * x1 + vt[2] * y1 + vt[4], vt[1] * x1 + vt[3] * y1 + vt[5]],
      ];
      const left = Math.max(0, Math.min(pts[0]![0]!, pts[1]![0]!) / width);
      const top = Math.max(0, Math.min(pts[0]![1]!, pts[1]![1]!) / height);
      const right = Math.min(1, Math.max(pts[0]![0]!, pts[1]![0]!) / width);
      const bottom = Math.min(1, Math.max(pts[0]![1]!, pts[1]![1]!) / height);
      if (right <= left || bottom <= top) continue;
      const font = item.fontName;
      const fontName = fontNames.get(font) ?? embeddedFontName(page.commonObjs, font, fontNames);
      texts.push({ str: item.str, box: { x: left, y: top, w: right - left, h: bottom - top }, size, font, ...(fontName ? { fontName } : {}) });
    }
    const evidence: PageEvidence = { page: n, width, height, texts, fills: walked.fills, images: walked.images, shadings: walked.shadings, truncated: walked.truncated };
    if (budget.ocrPages > 0 && needsOcr(evidence)) {
      if (ocr.pages >= budget.ocrPages || ocr.ms > budget.ocrTimeBudgetMs) ocr.skipped += 1;
      else {
        const t0 = Date.now();
        ocr.used = true;
        ocr.pages += 1;
        await ocrPage(page, doc, evidence, { maxPages: budget.ocrPages, maxPixels: budget.ocrMaxPixels, timeBudgetMs: budget.ocrTimeBudgetMs });
        ocr.ms += Date.now() - t0;
      }
    }
    return evidence;
  } finally {
    page.cleanup();
  }
}

