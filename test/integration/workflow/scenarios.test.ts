import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { readState } from '../../../electron/core/workflow';
import { startFakeGemini, type FakeGemini, type FakeReply } from '../../fakes/gemini-server';
import { harness, OFF_GREEN, TEST_KEY, tempDir, type Harness } from './helpers';

const IMAGE_MODEL = 'gemini-3-pro-image';
const AUDIT_MODEL = 'gemini-3.1-pro-preview';
const auditor = new PixelAuditor();
let fake: FakeGemini;
let h: Harness;
let cleanup: () => void;

const offPalette = (size: number): FakeReply => ({ kind: 'image', composition: { offPalette: { hex: OFF_GREEN, box: { x: 1 - size, y: 0, w: size, h: size } } } });

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: TEST_KEY, imageScale: 1 / 16 });
});
afterAll(async () => {
  await fake.close();
  await auditor.close();
});
beforeEach(() => {
  fake.reset();
  const t = tempDir();
  cleanup = t.cleanup;
  h = harness(t.dir, fake.baseUrl, { auditor });
});
afterEach(async () => {
  await h.close();
  cleanup();
});

describe('generation with automatic correction (fake Gemini, real pixel audit)', () => {
  it('(a) off-palette first image, the edit fixes it: approved after 2 attempts with 2 image + 2 audit calls; the edit replays thought signatures', async () => {
    fake.enqueue([offPalette(0.5), { kind: 'image' }], { model: IMAGE_MODEL });
    const submitted = h.runner.submit({ brand_id: h.brandId, prompt: 'A launch poster for the spring collection' });
    const job = await h.runner.waitFor(submitted.job_id);

    expect(job.status).toBe('approved');
    expect(job.attempt_count).toBe(2);
    expect(job.progress).toBe(100);
    const image = fake.requestsFor({ model: IMAGE_MODEL, operation: 'generateContent' });
    const audits = fake.requestsFor({ model: AUDIT_MODEL, operation: 'generateContent' });
    expect(image).toHaveLength(2);
    expect(audits).toHaveLength(2);

    // The second image call is an edit of the first: the chat history with the signatures the fake issued.
    const edit = image[1]!.body.contents!;
    expect(edit.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    const replayed = edit[1]!.parts!.map((p) => p.thoughtSignature).filter((s): s is string => typeof s === 'string');
    expect(replayed.length).toBeGreaterThan(0);
    for (const sig of replayed) expect(fake.issuedSignatures.has(sig)).toBe(true);
    const instruction = edit[2]!.parts!.at(-1)!.text!;
    expect(instruction).toMatch(/Off-palette colour/);
    expect(instruction).toMatch(/Where: the large block in the top-right quarter/);
    expect(instruction).toMatch(/\[CRITICAL\]/);

    // Both attempts are asset versions; the approved one is the child of the first.
    const state = readState(job);
    expect(state.attempts.map((a) => a.kind)).toEqual(['generate', 'correct']);
    const [first, second] = state.attempts.map((a) => h.store.assets.require(a.asset_id));
    expect(second!.parent_asset_id).toBe(first!.asset_id);
    expect(second!.status).toBe('approved');
    expect(first!.compliance!.approved).toBe(false);
    expect(second!.compliance!.approved).toBe(true);
    expect(state.selected_asset_id).toBe(second!.asset_id);
    expect(h.store.audits.listForAsset(first!.asset_id)).toHaveLength(1);

    // Progress events: job.updated with status, progress, attempt and latest score, in order.
    const updates = h.events.filter((e) => e.type === 'job.updated' && e.job_id === job.job_id);
    expect(updates.map((e) => (e.type === 'job.updated' ? e.status : ''))).toEqual([
      'pending',
      'generating',
      'auditing',
      'correcting',
      'generating',
      'auditing',
      'approved',
    ]);
    const progress = updates.map((e) => (e.type === 'job.updated' ? e.progress : 0));
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const last = updates.at(-1)!;
    expect(last.type === 'job.updated' && last.latest_score).toBe(second!.compliance_score);
  });

  it('(b) never fixed: needs_review after 3 attempts with the best version selected', async () => {
    fake.enqueue([offPalette(0.55), offPalette(0.45), offPalette(0.5)], { model: IMAGE_MODEL });
    const submitted = h.runner.submit({ brand_id: h.brandId, prompt: 'A banner' });
    const job = await h.runner.waitFor(submitted.job_id);

    expect(job.status).toBe('needs_review');
    expect(job.attempt_count).toBe(3);
    const state = readState(job);
    const scores = state.attempts.map((a) => a.overall_score!);
    expect(scores).toHaveLength(3);
    expect(Math.max(...scores)).toBe(scores[1]);
    expect(state.selected_asset_id).toBe(state.attempts[1]!.asset_id);
    expect(h.store.assets.require(state.attempts[1]!.asset_id).status).toBe('needs_review');
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(3);
    // Each correction is built from the latest audit only: no text from earlier corrections.
    const instructions = fake.requestsFor({ model: IMAGE_MODEL }).slice(1).map((r) => r.body.contents!.at(-1)!.parts!.at(-1)!.text!);
    expect(instructions).toHaveLength(2);
    expect(instructions[1]!.match(/Edit the previous image/g)).toHaveLength(1);
    expect(instructions[1]!.length).toBeLessThan(instructions[0]!.length * 1.5);
  });

  it('(c) 503 storms and 429s: the job completes with a bounded number of requests, and a 429 pauses the shared gate', async () => {
    fake.enqueue(
      [{ kind: 'error', status: 'UNAVAILABLE' }, { kind: 'rate_limit', retryDelay: '0.05s' }, { kind: 'error', status: 'UNAVAILABLE' }, { kind: 'image' }],
      { model: IMAGE_MODEL },
    );
    fake.enqueue([{ kind: 'rate_limit', retryDelay: '0.05s' }, { kind: 'error', status: 'UNAVAILABLE' }], { model: AUDIT_MODEL });
    const job = await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A storm-proof poster' }).job_id);
    expect(job.status).toBe('approved');
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(4);
    expect(fake.requestsFor({ model: AUDIT_MODEL })).toHaveLength(3);
    expect(h.gate.stats.rateLimited).toBe(2);

    // A storm longer than the retry budget fails the job with the error stored; still bounded (1 + 3 retries).
    fake.reset();
    fake.enqueue(Array.from({ length: 6 }, () => ({ kind: 'error', status: 'UNAVAILABLE' }) as FakeReply), { model: IMAGE_MODEL });
    const failed = await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'Another' }).job_id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('GEMINI_UNAVAILABLE');
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(4);
  });

  it('(d) invalid key: failed with GEMINI_AUTH after one request, no retries', async () => {
    await h.close();
    const t = tempDir();
    const prev = cleanup;
    cleanup = () => (prev(), t.cleanup());
    h = harness(t.dir, fake.baseUrl, { auditor, apiKey: 'not-the-right-key' });
    fake.reset();
    const job = await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' }).job_id);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('GEMINI_AUTH');
    expect(job.error?.message).not.toContain('not-the-right-key');
    expect(fake.requests).toHaveLength(1);
    expect(h.store.assets.list({ job_id: job.job_id })).toHaveLength(0);
  });

  it('idempotency: the same key returns the same job and runs it once', async () => {
    const a = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster', idempotency_key: 'k-1' });
    const b = h.runner.submit({ brand_id: h.brandId, prompt: 'A poster', idempotency_key: 'k-1' });
    expect(b.job_id).toBe(a.job_id);
    const job = await h.runner.waitFor(a.job_id);
    expect(job.status).toBe('approved');
    expect(h.runner.submit({ brand_id: h.brandId, prompt: 'A poster', idempotency_key: 'k-1' }).job_id).toBe(a.job_id);
    await h.runner.idle();
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
  });
});

describe('review actions', () => {
  async function needsReview() {
    fake.enqueue([offPalette(0.5), offPalette(0.4), offPalette(0.45)], { model: IMAGE_MODEL });
    const job = await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A banner' }).job_id);
    expect(job.status).toBe('needs_review');
    return job;
  }

  it('approve is recorded as an override; reject marks the image rejected', async () => {
    const job = await needsReview();
    const approved = h.runner.review(job.job_id, { action: 'approve' });
    expect(approved.status).toBe('approved');
    const state = readState(approved);
    expect(state.reviews.at(-1)).toMatchObject({ action: 'approve', override: true, asset_id: state.selected_asset_id });
    expect(h.store.assets.require(state.selected_asset_id!).status).toBe('approved');
    const rejected = h.runner.review(job.job_id, { action: 'reject' });
    expect(rejected.status).toBe('cancelled');
    expect(h.store.assets.require(state.selected_asset_id!).status).toBe('rejected');
  });

  it('dismissing the blocking finding re-scores and approves; restoring it sends the job back to review', async () => {
    const job = await needsReview();
    const state = readState(job);
    const asset = h.store.assets.require(state.selected_asset_id!);
    const finding = asset.compliance!.categories.flatMap((c) => c.violations).find((v) => v.id.startsWith('pixel:off-palette'))!;
    const dismissed = h.runner.review(job.job_id, { action: 'dismiss', violation_id: finding.id, reason: 'not_applicable' });
    expect(dismissed.status).toBe('approved');
    expect(readState(dismissed).latest_score).toBeGreaterThan(asset.compliance_score!);
    expect(h.store.audits.listForAsset(asset.asset_id)).toHaveLength(2);
    const restored = h.runner.review(job.job_id, { action: 'restore', violation_id: finding.id });
    expect(restored.status).toBe('needs_review');
    expect(readState(restored).latest_score).toBe(asset.compliance_score);
  });

  it('tweak: one more edit of the selected image, then one audit; regenerate: fresh generation, attempts reset, history kept', async () => {
    const job = await needsReview();
    const before = readState(job);
    fake.reset();
    fake.enqueue([offPalette(0.5)], { model: IMAGE_MODEL });
    h.runner.review(job.job_id, { action: 'tweak', instruction: 'Make the green block Midnight Blue' });
    const tweaked = await h.runner.waitFor(job.job_id);
    expect(tweaked.status).toBe('needs_review');
    expect(fake.requestsFor({ model: IMAGE_MODEL })).toHaveLength(1);
    expect(fake.requestsFor({ model: AUDIT_MODEL })).toHaveLength(1);
    const sent = fake.requestsFor({ model: IMAGE_MODEL })[0]!.body.contents!;
    // The selected image was attempt 2: the chat is replayed up to it, then the instruction.
    expect(sent).toHaveLength(2 * 2 + 1);
    expect(sent.at(-1)!.parts!.at(-1)!.text).toBe('Make the green block Midnight Blue');
    const afterTweak = readState(tweaked);
    expect(afterTweak.attempts).toHaveLength(4);
    expect(afterTweak.attempts[3]).toMatchObject({ kind: 'tweak', instruction: 'Make the green block Midnight Blue' });
    expect(h.store.assets.require(afterTweak.attempts[3]!.asset_id).parent_asset_id).toBe(before.selected_asset_id);

    fake.reset();
    h.runner.review(job.job_id, { action: 'regenerate' });
    const regenerated = await h.runner.waitFor(job.job_id);
    expect(regenerated.status).toBe('approved');
    expect(regenerated.attempt_count).toBe(1);
    const final = readState(regenerated);
    expect(final.round).toBe(2);
    expect(final.attempts).toHaveLength(5);
    expect(final.attempts[4]).toMatchObject({ kind: 'generate', round: 2, attempt: 1 });
    // A fresh generation: no chat history sent.
    expect(fake.requestsFor({ model: IMAGE_MODEL })[0]!.body.contents).toHaveLength(1);
    expect(h.store.assets.list({ job_id: job.job_id })).toHaveLength(5);
  });

  it('refuses to review a job that is still running', async () => {
    fake.enqueue([{ kind: 'hang', ms: 300 }], { model: IMAGE_MODEL });
    const job = h.runner.submit({ brand_id: h.brandId, prompt: 'Slow' });
    expect(() => h.runner.review(job.job_id, { action: 'approve' })).toThrow(/possible once it has finished/);
    await h.runner.waitFor(job.job_id);
  });
});
