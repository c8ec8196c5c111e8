import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { GenerationState, readState, saveJob, TRANSITIONS } from '../../../electron/core/workflow';
import { JOB_STATUSES } from '../../../shared/vocab/jobs';
import { createBrand, tempDir } from './helpers';

describe('job transitions are enforced on every save', () => {
  it('saves every arrow of the state machine and refuses every other move without writing', () => {
    const { dir, cleanup } = tempDir();
    const store = openStore({ dataDir: dir });
    try {
      const brandId = createBrand(store);
      const state = GenerationState.parse({ prompt: 'A poster', brand_version: 1 });
      for (const from of JOB_STATUSES) {
        for (const to of JOB_STATUSES) {
          const job = store.jobs.create({ brand_id: brandId, status: from, state });
          if (from === to || TRANSITIONS[from].includes(to)) {
            expect(saveJob(store, job, to, readState(job)).status).toBe(to);
          } else {
            expect(() => saveJob(store, job, to, readState(job)), `${from} → ${to}`).toThrow(expect.objectContaining({ code: 'INTERNAL', details: expect.objectContaining({ from, to }) }));
            expect(store.jobs.require(job.job_id)).toEqual(job);
          }
        }
      }
    } finally {
      store.close();
      cleanup();
    }
  });
});
