import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { useTempDirs } from './temp-dir';

describe('opening one library from several processes at once', () => {
  const tempDir = useTempDirs();

  it('migrates exactly once and every opener can write', async () => {
    const dataDir = tempDir();
    const workers = ['A', 'B', 'C'].map(
      (name) =>
        new Worker(new URL('./open-race.worker.ts', import.meta.url), { workerData: { dataDir, name }, execArgv: ['--import', 'tsx'] }),
    );
    const results = await Promise.all(
      workers.map(async (worker) => {
        const [message] = await once(worker, 'message');
        await worker.terminate();
        return message as { ok: boolean; message?: string };
      }),
    );
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const store = openStore({ dataDir });
    try {
      expect(store.brands.list().map((b) => b.name).sort()).toEqual(['A', 'B', 'C']);
    } finally {
      store.close();
    }
  });
});
