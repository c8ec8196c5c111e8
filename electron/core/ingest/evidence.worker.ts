import { parentPort } from 'node:worker_threads';
import { extractLocal, type LocalExtraction } from './extract';
import { LogoCollector, type ExtractedLogo } from './logo-collect';
import { DEFAULT_RENDER_BUDGET, renderPdfLogo } from './logo-render';
import { classifyOpenError, documentOptions, loadPdfJs, readPdfEvidence, PdfReadError, type EvidenceBudget } from './pdf-evidence';
import { evidenceAnchors, evidenceHexes } from './refine';
import { runBehindCallingThread } from '../workers/background-priority';

export type EvidenceRequest =
  | { kind?: 'evidence'; bytes: Uint8Array; budget: EvidenceBudget; filename: string | null; now: string }
  /** A logo supplied as a PDF: its first page rendered and trimmed. */
  | { kind: 'logo'; bytes: Uint8Array };
export interface LocalRun {
  extraction: LocalExtraction;
  pageCount: number;
  pagesRead: number;
  warnings: string[];
  /** Pages read by OCR (no text layer). */
  ocrPages: number;
  /** Every hex the PDF shows (printed or painted), to verify model claims. */
  shown: string[];
  /** No page had any text, shape or image. */
  empty: boolean;
  /** Page text and embedded font families (JSON, UTF-8), to check the model's claims; decoded only when refining. */
  anchors: Uint8Array;
  /** Logo files found on the cover and the logo pages, best first per variant. */
  logos: ExtractedLogo[];
}
export type EvidenceMessage =
  | { type: 'page'; page: number; pageCount: number }
  | { type: 'done'; run: LocalRun }
  | { type: 'logo'; logo: { png: Uint8Array; width: number; height: number } | null }
  | { type: 'error'; kind: 'encrypted' | 'invalid' | 'internal'; message: string };

// Reading and extraction both run here so the calling thread never does PDF work. The worker
// serves one document at a time and is reused; the parent terminates it to cancel.
runBehindCallingThread();

parentPort?.on('message', (request: EvidenceRequest) => {
  if (request.kind === 'logo') {
    renderLogo(request.bytes).catch((error: unknown) => {
      const kind = error instanceof PdfReadError ? error.kind : 'internal';
      parentPort?.postMessage({ type: 'error', kind, message: (error as Error)?.message ?? String(error) } satisfies EvidenceMessage);
    });
    return;
  }
  const logos = new LogoCollector({ ...DEFAULT_RENDER_BUDGET, maxCandidates: request.budget.logoCandidates });
  // pdf.js takes ownership of its data: give it a private copy of the shared bytes (made here, off the caller's thread).
  readPdfEvidence(new Uint8Array(request.bytes), request.budget, {
    onPage: (page, pageCount) => {
      logos.consider(page);
      parentPort?.postMessage({ type: 'page', page: page.page, pageCount } satisfies EvidenceMessage);
    },
    beforeClose: async (doc) => {
      if (request.budget.logoCandidates > 0) await logos.render(doc, (await loadPdfJs()).OPS as unknown as Record<string, number>);
    },
  })
    .then(async (evidence) => {
      const extraction = extractLocal(evidence, request.filename, new Date(request.now));
      const found = await logos.pick(
        extraction.guidelines.colors.map((c) => c.hex),
        extraction.brand_name,
      );
      const run: LocalRun = {
        extraction,
        pageCount: evidence.pageCount,
        pagesRead: evidence.pages.length,
        ocrPages: evidence.pages.filter((p) => p.ocr).length,
        warnings: evidence.warnings,
        shown: [...evidenceHexes(evidence)],
        empty: evidence.pages.every((p) => p.texts.length === 0 && p.fills.length === 0 && p.images.length === 0),
        anchors: new TextEncoder().encode(JSON.stringify(evidenceAnchors(evidence))),
        logos: found,
      };
      // The page text and the logo files can be large: they move to the caller as transferred buffers, not a structured copy.
      const transfer = [run.anchors.buffer as ArrayBuffer, ...new Set(found.map((l) => l.png.buffer as ArrayBuffer))];
      parentPort?.postMessage({ type: 'done', run } satisfies EvidenceMessage, transfer);
    })
    .catch((error: unknown) => {
      const kind = error instanceof PdfReadError ? error.kind : 'internal';
      parentPort?.postMessage({ type: 'error', kind, message: (error as Error)?.message ?? String(error) } satisfies EvidenceMessage);
    });
});

async function renderLogo(bytes: Uint8Array): Promise<void> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument(documentOptions(new Uint8Array(bytes)));
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      throw classifyOpenError(error);
    }
    const logo = await renderPdfLogo(doc);
    parentPort?.postMessage({ type: 'logo', logo } satisfies EvidenceMessage, logo ? [logo.png.buffer as ArrayBuffer] : []);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
