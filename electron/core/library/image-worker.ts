import type { Worker } from 'node:worker_threads';
import { MobiusError } from '../../../shared/errors';
import { createWorker } from '../workers/create-worker';
import type { ImageWorkerReply, ImageWorkerRequest } from './image.worker';

export interface RenderedImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

type Job = ImageWorkerRequest extends infer R ? (R extends ImageWorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * One long-lived image worker (thumbnails, report renditions), started on
 * first use. Idle it does not keep the process alive; a crash fails what was
 * pending and the next call starts a fresh one.
 */
export class ImageWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: RenderedImage) => void; reject: (e: unknown) => void }>();

  thumbnail(path: string, size: number): Promise<RenderedImage> {
    return this.run({ kind: 'thumbnail', path, size });
  }

  preview(path: string, maxEdge: number): Promise<RenderedImage> {
    return this.run({ kind: 'preview', path, maxEdge });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private run(job: Job): Promise<RenderedImage> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...job, id } as ImageWorkerRequest);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = createWorker('image.worker', import.meta.url);
    worker.on('message', (reply: ImageWorkerReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiter.resolve({ bytes: reply.bytes, mime: reply.mime, width: reply.width, height: reply.height });
      else waiter.reject(new MobiusError('UNSUPPORTED_IMAGE', `Mobius could not read this image: ${reply.error.message}`, { reason: 'image_worker' }));
    });
    const failAll = (error: unknown) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiter] of this.pending) {
        this.pending.delete(id);
        waiter.reject(new MobiusError('INTERNAL', 'The image worker stopped unexpectedly.', undefined, { cause: error }));
      }
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`exit ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
