import { describe, expect, it } from 'vitest';
import type { ComplianceScore } from '../../../shared/schema';
import { openStore, type Store } from '../../../electron/core/store';
import { steppingClock, useTempDirs } from './temp-dir';

const guidelines = { colors: [], typography: [], logos: [], rules: [] };
const compliance: ComplianceScore = {
  overall_score: 72,
  categories: [{ category: 'colors', score: 72, passed: false, violations: [] }],
  approved: false,
  summary: 'Off-palette background',
  partial: false,
  errors: [],
  brand_version: 1,
  measured: {
    tolerances: { exact: 3, family: 10 },
    coverage: { exact: 0.6, family: 0.69, shaded: 0.09, off: 0.31 },
    role_shares: {
      measured: { neutral: 0.5, brand: 0.19, accent: 0, semantic: 0 },
      target: { neutral: 0.6, brand: 0.3, accent: 0.1, semantic: 0 },
      target_source: '60-30-10',
      deviation: 0.2,
    },
    clusters: [],
    off_palette_regions: [],
    off_palette_share: 0.31,
  },
};

describe('jobs, assets, audits and settings', () => {
  const tempDir = useTempDirs();
  const withStore = async (fn: (store: Store, brandId: string) => Promise<void> | void) => {
    const store = openStore({ dataDir: tempDir(), now: steppingClock() });
    try {
      const brand = store.brands.create({ name: 'Acme', guidelines, compressed_twin: null });
      await fn(store, brand.brand_id);
    } finally {
      store.close();
    }
  };

  it('jobs: the same idempotency key returns the first job', () =>
    withStore((store, brandId) => {
      const first = store.jobs.create({ brand_id: brandId, idempotency_key: 'req-1', state: { prompt: 'hello' } });
      const again = store.jobs.create({ brand_id: brandId, idempotency_key: 'req-1', state: { prompt: 'other' } });
      expect(again).toEqual(first);
      const other = store.jobs.create({ brand_id: brandId, idempotency_key: 'req-2' });
      const keyless = [store.jobs.create({ brand_id: brandId }), store.jobs.create({ brand_id: brandId })];
      expect(new Set([first.job_id, other.job_id, ...keyless.map((j) => j.job_id)]).size).toBe(4);
      expect(store.jobs.list()).toHaveLength(4);
    }));

  it('jobs: updates persist each step; lists filter by status; unknown ids are JOB_NOT_FOUND', () =>
    withStore((store, brandId) => {
      const job = store.jobs.create({ brand_id: brandId });
      expect(job).toMatchObject({ status: 'pending', progress: 0, attempt_count: 0, state: {}, error: null, kind: 'generate' });
      const running = store.jobs.update(job.job_id, { status: 'generating', attempt_count: 1, progress: 10, state: { turn: 1 } });
      expect(store.jobs.require(job.job_id)).toEqual(running);
      const failed = store.jobs.update(job.job_id, { status: 'failed', error: { code: 'OFFLINE', message: 'No network' }, progress: undefined });
      expect(failed).toMatchObject({ status: 'failed', progress: 10, error: { code: 'OFFLINE' } });
      const second = store.jobs.create({ brand_id: brandId });
      expect(store.jobs.list({ status: 'failed' }).map((j) => j.job_id)).toEqual([job.job_id]);
      expect(store.jobs.list({ status: ['pending', 'failed'] }).map((j) => j.job_id)).toEqual([second.job_id, job.job_id]);
      expect(store.jobs.listUnfinished().map((j) => j.job_id)).toEqual([second.job_id]);
      expect(() => store.jobs.update('nope', { progress: 1 })).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
      expect(() => store.jobs.update(job.job_id, { progress: 101 })).toThrow();
      expect(() => store.jobs.create({ brand_id: 'no-such-brand' })).toThrow(/FOREIGN KEY/);
    }));

  it('assets and audits: stored with their file, updated, audited, listed', () =>
    withStore(async (store, brandId) => {
      const job = store.jobs.create({ brand_id: brandId });
      const original = await store.putFileThen(new Uint8Array([1, 2, 3]), 'png', 'image/png', (file) =>
        store.assets.create({
          brand_id: brandId,
          brand_version: 1,
          job_id: job.job_id,
          origin: 'generated',
          sha256: file.sha256,
          mime: 'image/png',
          width: 1024,
          height: 1024,
          prompt: 'A poster',
          generation_params: { aspect: '1:1' },
          cost: { tokens: 1200, usd: 0.134 },
        }),
      );
      expect(store.assets.require(original.asset_id)).toEqual(original);
      const edit = await store.putFileThen(new Uint8Array([4, 5]), 'png', 'image/png', (file) =>
        store.assets.create({ ...original, parent_asset_id: original.asset_id, sha256: file.sha256 }),
      );
      expect(store.assets.list({ parent_asset_id: original.asset_id }).map((a) => a.asset_id)).toEqual([edit.asset_id]);
      expect(store.assets.list({ brand_id: brandId }).map((a) => a.asset_id)).toEqual([edit.asset_id, original.asset_id]);

      const audit = store.audits.create({ asset_id: original.asset_id, brand_version: 1, compliance });
      const scored = store.assets.update(original.asset_id, { compliance, compliance_score: 72, status: 'needs_review' });
      expect(store.assets.get(original.asset_id)).toEqual(scored);
      expect(scored.compliance).toEqual(compliance);
      expect(store.assets.list({ status: 'needs_review' })).toHaveLength(1);
      expect(store.audits.latestForAsset(original.asset_id)).toEqual(audit);
      expect(store.audits.get(audit.audit_id)?.compliance).toEqual(compliance);

      expect(() => store.assets.require('nope')).toThrow(expect.objectContaining({ code: 'ASSET_NOT_FOUND' }));
      // The brand version must exist.
      expect(() => store.assets.create({ ...original, brand_version: 9 })).toThrow(/FOREIGN KEY/);
    }));

  it('settings: setMany is all-or-nothing JSON, getAll returns it, undefined removes a key', () =>
    withStore((store) => {
      expect(store.settings.getAll()).toEqual({});
      store.settings.setMany({ compliance_threshold: 0.85, gemini_base_url: null, prices: { m: { input_per_million_tokens: 1 } } });
      store.settings.setMany({ compliance_threshold: 0.9, max_generation_attempts: 4 });
      expect(store.settings.getAll()).toEqual({
        compliance_threshold: 0.9,
        gemini_base_url: null,
        max_generation_attempts: 4,
        prices: { m: { input_per_million_tokens: 1 } },
      });
      store.settings.setMany({ gemini_base_url: undefined });
      expect(store.settings.getAll()).not.toHaveProperty('gemini_base_url');
      expect(() => store.settings.setMany({ a: 1, b: BigInt(1) })).toThrow();
      expect(store.settings.getAll()).not.toHaveProperty('a');
    }));

  it('data survives closing and reopening the store', async () => {
    const dir = tempDir();
    const store = openStore({ dataDir: dir });
    const brand = store.brands.create({ name: 'Persisted', guidelines, compressed_twin: null });
    const job = store.jobs.create({ brand_id: brand.brand_id, idempotency_key: 'k' });
    store.settings.setMany({ vision_model: 'gemini-3-pro-image' });
    store.close();
    const reopened = openStore({ dataDir: dir });
    try {
      expect(reopened.brands.require(brand.brand_id)).toEqual(brand);
      expect(reopened.jobs.create({ brand_id: brand.brand_id, idempotency_key: 'k' })).toEqual(job);
      expect(reopened.settings.getAll()).toEqual({ vision_model: 'gemini-3-pro-image' });
    } finally {
      reopened.close();
    }
  });
});
