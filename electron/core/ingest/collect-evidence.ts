import type { Worker } from 'node:worker_threads';
import { MobiusError } from '../../../shared/errors';
import { createWorker } from '../workers/create-worker';
import { DEFAULT_BUDGET, type EvidenceBudget } from './pdf-evidence';
import type { EvidenceMessage, EvidenceRequest, LocalRun } from './evidence.worker';

export type { LocalRun } from './evidence.worker';

export interface RunOptions {
  budget?: Partial<EvidenceBudget>;
  signal?: AbortSignal;
  onPage?: (page: number, pageCount: number) => void;
  filename?: string | null;
}

export const ENCRYPTED_MESSAGE =
  'This PDF is password-protected. Open it in your PDF app, remove the password (or export an unprotected copy), then import that copy.';

// One warm worker: starting a worker (and its pdf.js) costs far more than reading a typical PDF.
let idle: Worker | null = null;

function takeWorker(): Worker {
  const worker = idle ?? createWorker('evidence.worker', import.meta.url);
  idle = null;
  worker.ref();
  return worker;
}

function release(worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  if (idle) {
    void worker.terminate();
    return;
  }
  // An idle worker must not keep the process alive.
  worker.unref();
  worker.once('exit', () => {
    if (idle === worker) idle = null;
  });
  idle = worker;
}

/**
 * Read a PDF and extract its brand guidelines locally, in a worker thread.
 * Aborting the signal terminates the worker.
 */
export function runLocalExtraction(bytes: Uint8Array, options: RunOptions = {}): Promise<LocalRun> {
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    let settled = false;
    const finish = (fn: () => void, reuse: boolean) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (reuse) release(worker);
      else void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(cancelled()), false);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: EvidenceMessage) => {
      if (message.type === 'page') options.onPage?.(message.page, message.pageCount);
      else if (message.type === 'done') finish(() => resolve(message.run), true);
      else finish(() => reject(readError(message.kind, message.message)), message.kind !== 'internal');
    });
    worker.on('error', (error) => finish(() => reject(new MobiusError('INTERNAL', 'The PDF reader stopped unexpectedly.', undefined, { cause: error })), false));
    worker.on('exit', (code) => finish(() => reject(new MobiusError('INTERNAL', `The PDF reader stopped unexpectedly (exit code ${code}).`)), false));
    // Copy so the caller's buffer stays usable.
    const request: EvidenceRequest = { bytes: new Uint8Array(bytes), budget, filename: options.filename ?? null, now: new Date().toISOString() };
    worker.postMessage(request);
  });
}

/** Stop the warm worker (tests and app shutdown). */
export async function stopEvidenceWorker(): Promise<void> {
  const worker = idle;
  idle = null;
  await worker?.terminate();
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
