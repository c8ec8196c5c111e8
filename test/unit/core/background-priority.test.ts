import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../../electron/core/workers/create-worker';

const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

describe.runIf(process.platform === 'linux')('runBehindCallingThread', () => {
  it('lowers the worker thread only: the calling thread keeps its priority', async () => {
    const callerBefore = niceOf(readFileSync('/proc/thread-self/stat', 'utf8'));
    const worker = createWorker('priority.worker', new URL('../../fixtures/workers/', import.meta.url).href);
    try {
      const [reply] = (await once(worker, 'message')) as [{ before: number; after: number }];
      expect(reply.after).toBe(Math.min(19, Math.max(reply.before, 10)));
      expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(callerBefore);
    } finally {
      await worker.terminate();
    }
  });
});
