import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { readState } from '../../../electron/core/workflow';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { harness, TEST_KEY, tempDir, type Harness } from './helpers';

const IMAGE_MODEL = 'gemini-3-pro-image';
const auditor = new PixelAuditor();
let fake: FakeGemini;
let h: Harness;
let cleanup: () => void;
let offline = false;
const flakyFetch: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: TEST_KEY, imageScale: 1 / 16 });
});
afterAll(async () => {
  await fake.close();
  await auditor.close();
});
beforeEach(() => {
  fake.reset();
  offline = false;
  const t = tempDir();
  cleanup = t.cleanup;
  h = harness(t.dir, fake.baseUrl, { auditor, fetch: flakyFetch, runner: { probe: async () => !offline } });
});
afterEach(async () => {
  await h.close();
  cleanup();
});

function nextStatus(jobId: string, status: string): Promise<void> {
  return new Promise((resolve) => {
    const off = h.runner.subscribe((e) => {
      if (e.type === 'job.updated' && e.job_id === jobId && e.status === status) {
        off();
        resolve();
      }
    });
  });
}

describe('(f) offline', () => {
  it('pauses a job visibly when the network is down and resumes it by itself when it returns', async () => {
    offline = true;
    const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' });
    await nextStatus(job.job_id, 'paused_offline');
    const paused = h.store.jobs.require(job.job_id);
    expect(paused.status).toBe('paused_offline');
    expect(readState(paused).resume_status).toBe('generating');
    expect(h.events).toContainEqual({ type: 'network.status', online: false });
    expect(fake.requests).toHaveLength(0);

    offline = false;
    const done = await h.runner.waitFor(job.job_id);
    expect(done.status).toBe('approved');
    expect(done.error).toBeNull();
    expect(h.events).toContainEqual({ type: 'network.status', online: true });
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
  });

  it('going offline during the audit pauses at the audit and continues there, without a new image', async () => {
    fake.enqueue(
      [
        {
          kind: 'custom',
          handle: () => {
            offline = true;
            return { kind: 'image' };
          },
        },
      ],
      { model: IMAGE_MODEL },
    );
    const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' });
    await nextStatus(job.job_id, 'paused_offline');
    expect(readState(h.store.jobs.require(job.job_id)).resume_status).toBe('auditing');
    expect(h.store.audits.listForAsset(readState(h.store.jobs.require(job.job_id)).current_asset_id!)).toHaveLength(0);
    offline = false;
    const done = await h.runner.waitFor(job.job_id);
    expect(done.status).toBe('approved');
    expect(done.attempt_count).toBe(1);
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
  });
});

describe('(g) cancel', () => {
  it('cancel mid-generation aborts the HTTP request and records nothing', async () => {
    fake.enqueue([{ kind: 'hang' }], { model: IMAGE_MODEL });
    const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' });
    await nextStatus(job.job_id, 'generating');
    while (fake.requestsFor({ model: IMAGE_MODEL }).length === 0) await new Promise((r) => setTimeout(r, 5));
    h.runner.cancel(job.job_id);
    const done = await h.runner.waitFor(job.job_id);
    expect(done.status).toBe('cancelled');
    expect(h.gate.stats.aborted).toBe(1);
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
    expect(h.store.assets.list({ job_id: job.job_id })).toHaveLength(0);
    expect(() => h.runner.cancel(job.job_id)).not.toThrow();
  });

  it('a queued job is cancelled at once; a finished one cannot be', async () => {
    await h.close();
    const t = tempDir();
    const prev = cleanup;
    cleanup = () => (prev(), t.cleanup());
    h = harness(t.dir, fake.baseUrl, { auditor, runner: { maxActiveJobs: 1 } });
    fake.enqueue([{ kind: 'hang', ms: 200 }], { model: IMAGE_MODEL });
    const first = h.runner.submit({ brand_id: h.brandId, prompt: 'First' });
    const second = h.runner.submit({ brand_id: h.brandId, prompt: 'Second' });
    expect(h.runner.cancel(second.job_id).status).toBe('cancelled');
    const done = await h.runner.waitFor(first.job_id);
    expect(done.status).toBe('approved');
    expect(() => h.runner.cancel(first.job_id)).toThrow(/already finished/);
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
  });
});

describe('restart', () => {
  it('a stopped runner leaves the job where it was; a new runner resumes it from the persisted step', async () => {
    fake.enqueue([{ kind: 'hang' }], { model: IMAGE_MODEL });
    const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' });
    await nextStatus(job.job_id, 'generating');
    while (fake.requestsFor({ model: IMAGE_MODEL }).length === 0) await new Promise((r) => setTimeout(r, 5));
    await h.runner.stop();
    expect(h.store.jobs.require(job.job_id).status).toBe('generating');
    const dataDir = h.store.dataDir;
    h.store.close();
    h = harness(dataDir, fake.baseUrl, { auditor });
    const resumed = await h.runner.resumeUnfinished();
    expect(resumed.map((j) => j.job_id)).toEqual([job.job_id]);
    const done = await h.runner.waitFor(job.job_id);
    expect(done.status).toBe('approved');
    expect(h.store.assets.list({ job_id: job.job_id })).toHaveLength(1);
  });
});
