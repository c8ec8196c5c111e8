import { MobiusError } from '../../../shared/errors';
import { createWorker } from '../workers/create-worker';
import type { DocumentEvidence, PageEvidence } from './evidence-types';
import { DEFAULT_BUDGET, type EvidenceBudget } from './pdf-evidence';
import type { EvidenceMessage, EvidenceRequest } from './evidence.worker';

export interface CollectOptions {
  budget?: Partial<EvidenceBudget>;
  signal?: AbortSignal;
  onPage?: (page: number, pageCount: number) => void;
}

export const ENCRYPTED_MESSAGE =
  'This PDF is password-protected. Open it in your PDF app, remove the password (or export an unprotected copy), then import that copy.';

/** Read a PDF's evidence in a worker thread; aborting the signal terminates the worker. */
export function collectEvidence(bytes: Uint8Array, options: CollectOptions = {}): Promise<DocumentEvidence> {
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const worker = createWorker('evidence.worker', import.meta.url);
    const pages: PageEvidence[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(cancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: EvidenceMessage) => {
      if (message.type === 'page') {
        pages.push(message.page);
        options.onPage?.(message.page.page, message.pageCount);
      } else if (message.type === 'done') {
        finish(() => resolve({ pageCount: message.pageCount, pages, warnings: message.warnings }));
      } else {
        finish(() => reject(readError(message.kind, message.message)));
      }
    });
    worker.on('error', (error) => finish(() => reject(new MobiusError('INTERNAL', 'The PDF reader stopped unexpectedly.', undefined, { cause: error }))));
    worker.on('exit', (code) =>
      finish(() => reject(new MobiusError('INTERNAL', `The PDF reader stopped unexpectedly (exit code ${code}).`))),
    );
    // Copy so the caller's buffer stays usable (the worker gets its own).
    worker.postMessage({ bytes: new Uint8Array(bytes), budget } satisfies EvidenceRequest);
  });
}

function cancelled(): MobiusError {
  return new MobiusError('CANCELLED', 'Import cancelled.');
}

function readError(kind: 'encrypted' | 'invalid' | 'internal', detail: string): MobiusError {
  if (kind === 'encrypted') return new MobiusError('PDF_ENCRYPTED', ENCRYPTED_MESSAGE);
  if (kind === 'invalid') {
    return new MobiusError('INVALID_PDF', 'This file could not be read as a PDF: it may be damaged or incomplete. Try exporting it again from your design tool.', { reason: detail });
  }
  return new MobiusError('INTERNAL', 'The PDF reader failed on this file.', { reason: detail });
}
