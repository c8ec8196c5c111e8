import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditPipeline } from '../../../electron/core/audit/pipeline';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { createMemoryLogger } from '../../../electron/core/log';
import { Brand } from '../../../shared/schema';
import { Settings } from '../../../shared/schema/settings';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { onBrand, png, testGuidelines, withOffPaletteBlock } from '../../fixtures/images/generate';
import { memorySink } from '../gemini/helpers';
import { createGeminiClient } from '../../../electron/core/gemini';

const KEY = 'pipeline-test-key';
const auditor = new PixelAuditor();
let fake: FakeGemini;
let dir: string;
let threshold = 0.8;
const pipeline = new AuditPipeline({ auditor, settings: { get: () => ({ compliance_threshold: threshold }) }, ocr: false });
const brand = Brand.parse({
  brand_id: 'b1',
  name: 'Northwind',
  guidelines: testGuidelines(),
  version: 4,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const client = () =>
  createGeminiClient({
    settings: Settings.parse({}),
    apiKey: KEY,
    logger: createMemoryLogger(),
    images: memorySink(),
    baseUrl: fake.baseUrl,
    sleep: async () => {},
    retryPolicy: { baseDelayMs: 1, maxDelayMs: 2 },
  });

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
  dir = mkdtempSync(path.join(tmpdir(), 'mobius-pipeline-'));
});
afterAll(async () => {
  await fake.close();
  await auditor.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  threshold = 0.8;
});

describe('the one audit pipeline (real worker, real client against the fake Gemini)', () => {
  it('grounds the model with the measurements, merges, and decides approval in code against the threshold setting', async () => {
    const stages: string[] = [];
    const outcome = await pipeline.audit(brand, await png(onBrand()), { gemini: { client: client() }, onProgress: (s) => stages.push(s) });
    expect(stages).toEqual(['measuring', 'assessing']);
    expect(outcome.model).toEqual({ status: 'assessed' });
    expect(outcome.image).toMatchObject({ mime: 'image/png', width: 400, height: 400 });
    const request = fake.requests.at(-1)!;
    const prompt = (request.body.contents?.at(-1)?.parts ?? []).map((p) => p.text ?? '').join('');
    expect(prompt).toContain('Pixel measurements of the image');
    expect(prompt).toContain('"coverage"');
    const { score } = outcome;
    expect(score.brand_version).toBe(4);
    expect(score.categories.map((c) => c.category).sort()).toEqual(['colors', 'layout', 'logo_usage', 'typography']);
    expect(score.measured?.coverage.exact).toBe(1);
    expect(score.approved).toBe(true);

    // The same image against a stricter threshold: approval is recomputed, never taken from the model.
    threshold = 0.99;
    fake.reset();
    const strict = await pipeline.audit(brand, await png(onBrand()), { gemini: { client: client() } });
    expect(strict.score.overall_score).toBe(score.overall_score);
    expect(strict.score.approved).toBe(false);
  });

  it('without a model: the pixel score with the one note per reason, and no request', async () => {
    const bytes = await png(withOffPaletteBlock().raw);
    const offline = await pipeline.audit(brand, bytes, { gemini: { client: null, reason: 'OFFLINE' } });
    const noKey = await pipeline.audit(brand, bytes);
    expect(offline.model).toEqual({ status: 'skipped', reason: 'OFFLINE' });
    expect(noKey.model).toEqual({ status: 'skipped', reason: 'GEMINI_NOT_CONFIGURED' });
    expect(offline.score.errors.at(-1)).toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/^Offline: .*measured from pixels/) });
    expect(noKey.score.errors.at(-1)).toMatchObject({ code: 'GEMINI_NOT_CONFIGURED', message: expect.stringMatching(/^No Gemini key: /) });
    expect(offline.score.partial).toBe(true);
    expect(offline.score.approved).toBe(false);
    expect(offline.cost).toEqual({ tokens: 0, usd: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('a failed model audit degrades to a partial score that says why; the failure is reported for callers that must not accept it', async () => {
    fake.enqueue([{ kind: 'error', status: 'UNAVAILABLE' }, { kind: 'error', status: 'UNAVAILABLE' }, { kind: 'error', status: 'UNAVAILABLE' }, { kind: 'error', status: 'UNAVAILABLE' }]);
    const outcome = await pipeline.audit(brand, await png(onBrand()), { gemini: { client: client() } });
    expect(outcome.model.status).toBe('failed');
    expect(outcome.model.status === 'failed' && outcome.model.error.code).toBe('GEMINI_UNAVAILABLE');
    expect(outcome.score.partial).toBe(true);
    expect(outcome.score.errors.map((e) => e.code)).toContain('GEMINI_UNAVAILABLE');
    expect(outcome.score.summary).toMatch(/The model audit failed/);
    // Only what was measured stands: the colours; nothing the model would have judged.
    expect(outcome.score.categories.map((c) => c.category)).toEqual(['colors']);
    expect(outcome.score.categories[0]!.score).toBe(100);
  });

  it('stops with CANCELLED when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pipeline.audit(brand, await png(onBrand()), { gemini: { client: client() }, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
