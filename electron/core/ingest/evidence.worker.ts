import type { PageEvidence } from './evidence-types';
import { parentPort } from 'node:worker_threads';
import { readPdfEvidence, PdfReadError, type EvidenceBudget } from './pdf-evidence';

export type EvidenceRequest = { bytes: Uint8Array; budget: EvidenceBudget };
export type EvidenceMessage =
  | { type: 'page'; page: PageEvidence; pageCount: number }
  | { type: 'done'; pageCount: number; warnings: string[] }
  | { type: 'error'; kind: 'encrypted' | 'invalid' | 'internal'; message: string };

// One document per worker: the parent terminates the worker to cancel.
parentPort?.once('message', (request: EvidenceRequest) => {
  readPdfEvidence(request.bytes, request.budget, {
    onPage: (page, pageCount) => parentPort?.postMessage({ type: 'page', page, pageCount } satisfies EvidenceMessage),
  })
    .then((evidence) => {
      parentPort?.postMessage({ type: 'done', pageCount: evidence.pageCount, warnings: evidence.warnings } satisfies EvidenceMessage);
    })
    .catch((error: unknown) => {
      const kind = error instanceof PdfReadError ? error.kind : 'internal';
      parentPort?.postMessage({ type: 'error', kind, message: (error as Error)?.message ?? String(error) } satisfies EvidenceMessage);
    });
});
