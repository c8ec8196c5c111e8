import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { runCli } from '../../support/cli';
import { createBrand, OFF_GREEN, TEST_KEY, tempDir } from './helpers';

const IMAGE_MODEL = 'gemini-3-pro-image';
let fake: FakeGemini;
let dir: string;
let cleanup: () => void;
let brandId: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: TEST_KEY, imageScale: 1 / 16 });
  ({ dir, cleanup } = tempDir('mobius-cli-workflow-'));
  const store = openStore({ dataDir: dir });
  brandId = createBrand(store);
  store.close();
  env = { MOBIUS_GEMINI_BASE_URL: fake.baseUrl, GEMINI_API_KEY: TEST_KEY, MOBIUS_DATA_DIR: dir };
});
afterAll(async () => {
  await fake.close();
  cleanup();
});

const offPalette = { kind: 'image', composition: { offPalette: { hex: OFF_GREEN, box: { x: 0.45, y: 0, w: 0.55, h: 0.55 } } } } as const;

describe('mobius generate / jobs / job / review / resume', () => {
  it('without a key, generate fails with GEMINI_NOT_CONFIGURED and the CLI says which command sets one', async () => {
    const run = await runCli(['generate', '--brand', brandId, 'A poster', '--json'], { env: { ...env, GEMINI_API_KEY: '' } });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'GEMINI_NOT_CONFIGURED', details: { reason: 'no_api_key' } } });
    expect(run.stderr).toMatch(/mobius key set/);
    expect(run.stderr).toMatch(/GEMINI_API_KEY/);
    expect(fake.requests).toHaveLength(0);
  });

  it('generate runs to approval with progress on stderr and prints the job with its final ComplianceScore', async () => {
    fake.enqueue([offPalette, { kind: 'image' }], { model: IMAGE_MODEL });
    const run = await runCli(['generate', '--brand', brandId, 'A launch poster', '--aspect', '1:1', '--size', '1K', '--idempotency-key', 'cli-1', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const job = JSON.parse(run.stdout);
    expect(job).toMatchObject({ status: 'approved', attempt_count: 2, idempotency_key: 'cli-1' });
    expect(job.compliance.approved).toBe(true);
    expect(job.compliance.overall_score).toBeGreaterThanOrEqual(80);
    expect(run.stderr).toMatch(/generating/);
    expect(run.stderr).toMatch(/correcting/);
    expect(run.stderr).toMatch(/approved/);

    // Same key: the same job, no new model calls.
    const before = fake.requests.length;
    const again = await runCli(['generate', '--brand', brandId, 'A launch poster', '--idempotency-key', 'cli-1', '--json'], { env });
    expect(JSON.parse(again.stdout).job_id).toBe(job.job_id);
    expect(fake.requests.length).toBe(before);

    const list = await runCli(['jobs'], { env });
    expect(list.stdout).toContain(job.job_id);
    const show = await runCli(['job', job.job_id], { env });
    expect(show.stdout).toMatch(/#1 \(round 1, generate\)/);
    expect(show.stdout).toMatch(/#2 \(round 1, correct\).*selected/);
  });

  it('review: a job that needs review is approved as an override', async () => {
    fake.enqueue([offPalette, offPalette, offPalette], { model: IMAGE_MODEL });
    const run = await runCli(['generate', '--brand', brandId, 'A banner', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const job = JSON.parse(run.stdout);
    expect(job.status).toBe('needs_review');
    const review = await runCli(['review', job.job_id, 'approve', '--json'], { env });
    expect(review.code, review.stderr).toBe(0);
    expect(JSON.parse(review.stdout)).toMatchObject({ status: 'approved' });
    expect(JSON.parse(review.stdout).state.reviews[0]).toMatchObject({ action: 'approve', override: true });
    const bad = await runCli(['review', job.job_id, 'tweak'], { env });
    expect(bad.code).toBe(2);
  });

  it('a failing job exits 1 with the error code; resume with nothing to do says so', async () => {
    const run = await runCli(['generate', '--brand', brandId, 'A poster', '--json'], { env: { ...env, GEMINI_API_KEY: 'wrong-key' } });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'GEMINI_AUTH', details: { job_id: expect.any(String) } });
    const resume = await runCli(['resume'], { env });
    expect(resume.code).toBe(0);
    expect(resume.stdout).toMatch(/No unfinished jobs/);
    const usage = await runCli(['generate', 'no brand'], { env });
    expect(usage.code).toBe(2);
  });
});
