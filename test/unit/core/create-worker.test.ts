import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createWorker } from '../../../electron/core/workers/create-worker';

describe('createWorker', () => {
  it('runs a TypeScript worker from source with project imports', async () => {
    const worker = createWorker('echo.worker', new URL('../../fixtures/workers/', import.meta.url).href);
    try {
      worker.postMessage('abc');
      const [reply] = await once(worker, 'message');
      expect(reply).toBe('#AABBCC');
    } finally {
      await worker.terminate();
    }
  });
});
