import { parentPort } from 'node:worker_threads';
import { extractLocal, type LocalExtraction } from './extract';
import { readPdfEvidence, PdfReadError, type EvidenceBudget } from './pdf-evidence';
import { evidenceAnchors, evidenceHexes } from './refine';
import { runBehindCallingThread } from '../workers/background-priority';

export type EvidenceRequest = { bytes: Uint8Array; budget: EvidenceBudget; filename: string | null; now: string };
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
}
export type EvidenceMessage =
  | { type: 'page'; page: number; pageCount: number }
  | { type: 'done'; run: LocalRun }
  | { type: 'error'; kind: 'encrypted' | 'invalid' | 'internal'; message: string };

// Reading and extraction both run here so the calling thread never does PDF work. The worker
// serves one document at a time and is reused; the parent terminates it to cancel.
runBehindCallingThread();

parentPort?.on('message', (request: EvidenceRequest) => {
  // pdf.js takes ownership of its data: give it a private copy of the shared bytes (made here, off the caller's thread).
  readPdfEvidence(new Uint8Array(request.bytes), request.budget, {
    onPage: (page, pageCount) => parentPort?.postMessage({ type: 'page', page: page.page, pageCount } satisfies EvidenceMessage),
  })
    .then((evidence) => {
      const extraction = extractLocal(evidence, request.filename, new Date(request.now));
      const run: LocalRun = {
        extraction,
        pageCount: evidence.pageCount,
        pagesRead: evidence.pages.length,
        ocrPages: evidence.pages.filter((p) => p.ocr).length,
        warnings: evidence.warnings,
        shown: [...evidenceHexes(evidence)],
        empty: evidence.pages.every((p) => p.texts.length === 0 && p.fills.length === 0 && p.images.length === 0),
        anchors: new TextEncoder().encode(JSON.stringify(evidenceAnchors(evidence))),
      };
      // The page text can be large: it moves to the caller as a transferred buffer, not a structured copy.
      parentPort?.postMessage({ type: 'done', run } satisfies EvidenceMessage, [run.anchors.buffer as ArrayBuffer]);
    })
    .catch((error: unknown) => {
      const kind = error instanceof PdfReadError ? error.kind : 'internal';
      parentPort?.postMessage({ type: 'error', kind, message: (error as Error)?.message ?? String(error) } satisfies EvidenceMessage);
    });
});
