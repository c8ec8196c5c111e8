import type { Worker } from 'node:worker_threads';
import { ERROR_CODES, MobiusError, type ErrorCode } from '../../../shared/errors';
import { createWorker } from '../workers/create-worker';
import type { AnalyseOptions, AuditGuidelines } from './analyse';
import type { AuditWorkerReply, AuditWorkerRequest } from './audit.worker';
import type { AuditMeasurements } from './types';

/**
 * One long-lived audit worker: decoding and measuring never run on the calling
 * thread. Requests are queued by the worker's own event loop; a crashed worker
 * fails the pending requests and is replaced on the next call.
 */
export class PixelAuditor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: AuditMeasurements) => void; reject: (e: unknown) => void }>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = createWorker('audit.worker', import.meta.url);
    worker.on('message', (reply: AuditWorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiter.resolve(reply.value as AuditMeasurements);
      else {
        const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(reply.error.code) ? (reply.error.code as ErrorCode) : 'INTERNAL';
        waiter.reject(new MobiusError(code, reply.error.message, reply.error.details));
      }
    });
    const failAll = (error: unknown) => {
      this.worker = null;
      for (const [id, waiter] of this.pending) {
        this.pending.delete(id);
        waiter.reject(new MobiusError('INTERNAL', 'The image analysis worker stopped unexpectedly.', undefined, { cause: error }));
      }
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`exit ${code}`)));
    // Idle, the worker must not keep the process alive; busy, it must.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Decode + measure in the worker. Throws MobiusError UNSUPPORTED_IMAGE / IMAGE_TOO_LARGE for bad images. */
  measure(bytes: Uint8Array, guidelines: AuditGuidelines, options: AnalyseOptions = {}): Promise<AuditMeasurements> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      const request: AuditWorkerRequest = {
        id,
        bytes,
        guidelines: { colors: guidelines.colors, rules: guidelines.rules, logos: guidelines.logos ?? [] },
        options,
      };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
