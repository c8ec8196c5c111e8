import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** Post one message to a (bundled) worker script and collect replies until `done` says stop. */
export async function askWorker<T>(file: string, message: unknown, done: (reply: T) => boolean): Promise<T> {
  const worker = new Worker(file);
  try {
    worker.postMessage(message);
    for (;;) {
      const [reply] = (await once(worker, 'message')) as [T];
      if (done(reply)) return reply;
    }
  } finally {
    await worker.terminate();
  }
}
