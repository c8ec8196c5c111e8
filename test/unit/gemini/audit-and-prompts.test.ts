import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrandGuidelines, CompressedDigitalTwin } from '../../../shared/schema/brand';
import { ComplianceScore } from '../../../shared/schema/compliance';
import { overallScore } from '../../../shared/scoring';
import { deriveCompressedTwin } from '../../../shared/twin';
import { box2dToRegion, callCost, classifyError, convertModelAudit, twinSystemInstruction } from '../../../electron/core/gemini';
import { scoreModelAudit } from '../../../electron/core/audit/model-score';
import { DEFAULT_GUIDELINES } from '../../fakes/gemini-server';
import { DEFAULT_PRICES, Settings } from '../../../shared/schema/settings';

describe('audit conversion (seed properties 13, 20)', () => {
  it('maps box_2d [ymin, xmin, ymax, xmax] on 0..1000 to a normalised region', () => {
    expect(box2dToRegion([100, 200, 300, 600])).toEqual({ x: 0.2, y: 0.1, w: 0.4, h: 0.2 });
    expect(box2dToRegion([300, 600, 100, 200])).toEqual({ x: 0.2, y: 0.1, w: 0.4, h: 0.2 });
    expect(box2dToRegion([0, 0, 0, 500])).toBeNull();
    expect(box2dToRegion([1, 2, 3])).toBeNull();
  });

  it('any model output becomes a valid score: complete with all four categories, otherwise partial with errors', () => {
    const category = fc.record({
      category: fc.constantFrom('colors', 'typography', 'layout', 'logo_usage', 'color', 'logo', 'banana'),
      score: fc.oneof(fc.double({ min: -50, max: 150, noNaN: true }), fc.constant('90'), fc.constant('high')),
      violations: fc.array(
        fc.record({
          description: fc.string(),
          severity: fc.constantFrom('low', 'medium', 'high', 'critical', 'major', 'catastrophic'),
          fix_suggestion: fc.string(),
          box_2d: fc.option(fc.array(fc.integer({ min: -10, max: 1010 }), { minLength: 4, maxLength: 4 }), { nil: undefined }),
        }),
        { maxLength: 3 },
      ),
    });
    const output = fc.oneof(fc.record({ categories: fc.array(category, { maxLength: 6 }), summary: fc.string() }), fc.anything());
    fc.assert(
      fc.property(output, fc.double({ min: 0, max: 100, noNaN: true }), (raw, threshold) => {
        const score = scoreModelAudit(convertModelAudit(raw), { threshold });
        expect(ComplianceScore.safeParse(score).success).toBe(true);
        const complete = score.categories.length === 4;
        expect(score.partial).toBe(!complete || score.errors.length > 0);
        if (score.partial) expect(score.errors.length).toBeGreaterThan(0);
        if (score.categories.length === 0) expect(score.approved).toBe(false);
        expect(score.overall_score).toBe(overallScore(score.categories));
        for (const v of score.categories.flatMap((c) => c.violations)) {
          if (v.region) for (const n of [v.region.x, v.region.y, v.region.w, v.region.h]) expect(n >= 0 && n <= 1).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('twin system instruction (seed property 7)', () => {
  it('always contains the compressed twin JSON and the 60-30-10 guidance', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0').toUpperCase()}`);
    const twinArb = fc.record({
      primary_colors: fc.array(hex, { maxLength: 3 }),
      secondary_colors: fc.array(hex, { maxLength: 3 }),
      accent_colors: fc.array(hex, { maxLength: 3 }),
      neutral_colors: fc.array(hex, { maxLength: 3 }),
      semantic_colors: fc.array(hex, { maxLength: 3 }),
      font_families: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
      visual_dos: fc.array(fc.string(), { maxLength: 3 }),
      visual_donts: fc.array(fc.string(), { maxLength: 3 }),
      logo_placement: fc.option(fc.string(), { nil: null }),
      logo_min_size: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(twinArb, (raw) => {
        const twin = CompressedDigitalTwin.parse(raw);
        const text = twinSystemInstruction(twin);
        expect(text).toContain(JSON.stringify(twin));
        expect(text).toContain('60%');
        expect(text).toContain('10%');
      }),
    );
  });

  it('names roles, fonts, dos/donts and logo rules for a real brand', () => {
    const twin = deriveCompressedTwin(BrandGuidelines.parse(DEFAULT_GUIDELINES));
    const text = twinSystemInstruction(twin);
    expect(text).toMatch(/60% neutral colours #FFFFFF, #333333/);
    expect(text).toMatch(/10% accent colours #FFC300/);
    expect(text).toContain('Helvetica Neue');
    expect(text).toContain('Never use accent colours for backgrounds');
    expect(text).toContain('Minimum size: 100px width');
  });
});

describe('cost and error classification', () => {
  it('prices images per image and text per token, from the settings table', () => {
    const prices = Settings.parse({}).prices;
    const image = callCost('gemini-3-pro-image', { prompt: 1000, candidates: 1130, thoughts: 100 }, prices, { count: 1, size: '1K' });
    expect(image.usd).toBeCloseTo(0.134 + (1000 * 2 + 110 * 12) / 1e6, 6);
    // 4K images cost more than 1K/2K, and their 2000 output tokens are part of the image price.
    const image4k = callCost('gemini-3-pro-image', { prompt: 1000, candidates: 2010, thoughts: 0 }, prices, { count: 1, size: '4K' });
    expect(image4k.usd).toBeCloseTo(0.24 + (1000 * 2 + 10 * 12) / 1e6, 6);
    expect(callCost('gemini-3-pro-image', { prompt: 0, candidates: 1120, thoughts: 0 }, prices, { count: 1, size: '2K' }).usd).toBeCloseTo(0.134, 6);
    // Up to 200k prompt tokens the standard rate; above it the long-context rate for the whole call.
    const short = callCost('gemini-3.1-pro-preview', { prompt: 200_000, candidates: 1_000, thoughts: 1_000 }, prices);
    expect(short.usd).toBeCloseTo((200_000 * 2 + 2_000 * 12) / 1e6, 6);
    const long = callCost('gemini-3.1-pro-preview', { prompt: 200_001, candidates: 1_000, thoughts: 1_000 }, prices);
    expect(long.usd).toBeCloseTo((200_001 * 4 + 2_000 * 18) / 1e6, 6);
    expect(DEFAULT_PRICES['gemini-3.1-pro-preview']!.long_context).toEqual({ above_prompt_tokens: 200_000, input_per_million_tokens: 4, output_per_million_tokens: 18 });
    expect(callCost('unknown-model', { prompt: 1, candidates: 1, thoughts: 1 }, prices)).toEqual({ usd: 0, known: false });
  });

  it('never puts the API key in an error message or details', () => {
    const key = 'AIza-secret-in-url';
    const error = Object.assign(new TypeError(`fetch failed for https://x/?key=${key}`), { cause: { code: 'ENOTFOUND' } });
    const classified = classifyError(error, { model: 'm', operation: 'pdf_parsing', timedOut: false, cancelled: false });
    expect(classified.error.code).toBe('OFFLINE');
    expect(JSON.stringify({ m: classified.error.message, d: classified.error.details })).not.toContain(key);
  });
});

describe('client construction (seed properties 1, 21)', () => {
  it('refuses an empty or blank API key with GEMINI_NOT_CONFIGURED and builds both handles otherwise', async () => {
    const { createGeminiClient } = await import('../../../electron/core/gemini');
    const { nullLogger } = await import('../../../electron/core/log');
    const base = { settings: Settings.parse({}), logger: nullLogger, images: { put: () => ({ sha256: '', uri: '' }), read: () => new Uint8Array() } };
    fc.assert(
      fc.property(fc.stringMatching(/^\s*$/), (blank) => {
        expect(() => createGeminiClient({ ...base, apiKey: blank })).toThrow(expect.objectContaining({ code: 'GEMINI_NOT_CONFIGURED' }));
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0), (key) => {
        const client = createGeminiClient({ ...base, apiKey: key });
        expect(client.reasoning.model).toBeTruthy();
        expect(client.vision.model).toBeTruthy();
        expect(client.modelFor('pdf_parsing')).toBe(client.reasoning.model);
        expect(client.modelFor('compliance_audit')).toBe(client.reasoning.model);
        expect(client.modelFor('image_generation')).toBe(client.vision.model);
        expect(client.modelFor('image_edit')).toBe(client.vision.model);
      }),
      { numRuns: 25 },
    );
  });
});
