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

/** Copy size per turn of the event loop: a few milliseconds of memcpy at most. */
const COPY_CHUNK = 4 * 1024 * 1024;

/**
 * The PDF in shared memory, so the worker reads it without a structured copy on this thread.
 * Large files are copied in chunks between turns of the event loop (no single long stall).
 */
async function sharedCopy(bytes: Uint8Array): Promise<Uint8Array> {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  for (let offset = 0; offset < bytes.byteLength; offset += COPY_CHUNK) {
    shared.set(bytes.subarray(offset, Math.min(bytes.byteLength, offset + COPY_CHUNK)), offset);
    if (offset + COPY_CHUNK < bytes.byteLength) await new Promise((r) => setImmediate(r));
  }
  return shared;
}

/**
 * Read a PDF and extract its brand guidelines locally, in a worker thread.
 * Aborting the signal terminates the worker.
 */
export async function runLocalExtraction(bytes: Uint8Array, options: RunOptions = {}): Promise<LocalRun> {
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const { signal } = options;
  if (signal?.aborted) throw cancelled();
  // Shared memory: the caller's buffer stays usable and the worker gets it without a copy here.
  const data = bytes.buffer instanceof SharedArrayBuffer ? bytes : await sharedCopy(bytes);
  if (signal?.aborted) throw cancelled();
  return onEvidenceWorker<LocalRun>(
    { kind: 'evidence', bytes: data, budget, filename: options.filename ?? null, now: new Date().toISOString() },
    (message, done) => {
      if (message.type === 'page') options.onPage?.(message.page, message.pageCount);
      else if (message.type === 'done') done(message.run);
    },
    signal,
  );
}

/**
 * A logo supplied as a PDF, rendered in the evidence worker: the first page on a transparent
 * canvas, trimmed to what it shows, as PNG. Null when the page is blank.
 */
export async function renderLogoPdf(bytes: Uint8Array): Promise<{ png: Uint8Array; width: number; height: number } | null> {
  return onEvidenceWorker({ kind: 'logo', bytes }, (message, done) => {
    if (message.type === 'logo') done(message.logo);
  });
}

/**
 * One request to the warm evidence worker: `onMessage` calls `done` with the answer. Read errors
 * reject and keep the worker; a crash, an exit or an abort rejects and ends it.
 */
function onEvidenceWorker<T>(request: EvidenceRequest, onMessage: (message: EvidenceMessage, done: (value: T) => void) => void, signal?: AbortSignal): Promise<T> {
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
      if (message.type === 'error') finish(() => reject(readError(message.kind, message.message)), message.kind !== 'internal');
      else onMessage(message, (value) => finish(() => resolve(value), true));
    });
    worker.on('error', (error) => finish(() => reject(new MobiusError('INTERNAL', 'The PDF reader stopped unexpectedly.', undefined, { cause: error })), false));
    worker.on('exit', (code) => finish(() => reject(new MobiusError('INTERNAL', `The PDF reader stopped unexpectedly (exit code ${code}).`)), false));
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
