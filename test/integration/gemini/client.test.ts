import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { deriveCompressedTwin } from '../../../shared/twin';
import { overallScore } from '../../../shared/scoring';
import { failedModelAudit, scoreModelAudit } from '../../../electron/core/audit/model-score';
import { MobiusError } from '../../../shared/errors';
import { DEFAULT_GUIDELINES, startFakeGemini, type FakeGemini, type WireRequest } from '../../fakes/gemini-server';
import { testClient, memorySink } from './helpers';

let fake: FakeGemini;
const PDF = Buffer.from('%PDF-1.7\n% test guideline document\n');
const guidelines = BrandGuidelines.parse(DEFAULT_GUIDELINES);
const twin = deriveCompressedTwin(guidelines);

const textOf = (content: WireRequest['systemInstruction']) => (content?.parts ?? []).map((p) => p.text ?? '').join('\n');
const lastUserParts = (body: WireRequest) => body.contents?.at(-1)?.parts ?? [];

beforeAll(async () => {
  fake = await startFakeGemini({ imageScale: 1 / 16 });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe('GeminiClient model selection (seed properties 1, 2, 6, 10)', () => {
  it('holds both model handles from settings', () => {
    const { client } = testClient(fake.baseUrl);
    expect(client.reasoning).toEqual({ role: 'reasoning', model: 'gemini-3.1-pro-preview' });
    expect(client.vision).toEqual({ role: 'vision', model: 'gemini-3-pro-image' });
    expect(client.baseUrl).toBe(fake.baseUrl);
  });

  it('extracts guidelines with the reasoning model only: PDF inline, Rosetta Stone rules, schema from zod', async () => {
    const { client } = testClient(fake.baseUrl);
    const result = await client.extractGuidelines(PDF, { filename: 'brand.pdf', localEvidence: { colors: [{ hex: '#0057B8', area: 0.3 }] } });
    expect(fake.requests.map((r) => r.model)).toEqual(['gemini-3.1-pro-preview']);
    const body = fake.requests[0]!.body;
    expect(fake.requests[0]!.apiVersion).toBe('v1beta');
    const pdfPart = lastUserParts(body).find((p) => p.inlineData?.mimeType === 'application/pdf')!;
    expect(Buffer.from(pdfPart.inlineData!.data!, 'base64')).toEqual(PDF);
    const system = textOf(body.systemInstruction);
    expect(system).toContain('Typography Color');
    expect(system).toContain('Conflict resolution');
    expect(system).toMatch(/typography\/text colours .* are NEUTRAL, never primary/);
    expect(body.generationConfig?.responseMimeType).toBe('application/json');
    expect(JSON.stringify(body.generationConfig?.responseJsonSchema)).toContain('usage_weight');
    expect(lastUserParts(body).map((p) => p.text ?? '').join('')).toContain('#0057B8');
    expect(result.colors.map((c) => c.hex)).toContain('#0057B8');
    expect(result.source_filename).toBe('brand.pdf');
    expect(result.cost.usd).toBeGreaterThan(0);
  });

  it('repairs invalid JSON once, then gives up with GEMINI_BAD_RESPONSE', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.enqueue([{ kind: 'text', text: '{"colors": [{"name": "x", "hex": "#12"' }, { kind: 'json', value: DEFAULT_GUIDELINES }], { model: 'gemini-3.1-pro-preview' });
    const fixed = await client.extractGuidelines(PDF, { filename: 'a.pdf' });
    expect(fixed.colors).toHaveLength(5);
    expect(fake.requests).toHaveLength(2);
    expect(lastUserParts(fake.requests[1]!.body).some((p) => p.inlineData)).toBe(false);

    fake.reset();
    fake.enqueue([{ kind: 'text', text: 'not json' }, { kind: 'json', value: { colors: [{ hex: 'blue' }] } }]);
    await expect(client.extractGuidelines(PDF, { filename: 'a.pdf' })).rejects.toMatchObject({ code: 'GEMINI_BAD_RESPONSE' });
    expect(fake.requests).toHaveLength(2);
  });

  it('generates with the vision model only, twin in systemInstruction, last non-thought image returned (7, 8)', async () => {
    const sink = memorySink();
    const { client } = testClient(fake.baseUrl, { images: sink });
    fake.enqueue({ kind: 'image', thoughtImages: 2 });
    const logo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0057B8' } }).png().toBuffer();
    const result = await client.generateImage('A summer sale poster', twin, { aspect_ratio: '16:9', image_size: '2K', reference_images: [{ bytes: logo, mime: 'image/png' }] });
    expect(fake.requests.map((r) => r.model)).toEqual(['gemini-3-pro-image']);
    const body = fake.requests[0]!.body;
    const system = textOf(body.systemInstruction);
    expect(system).toContain(JSON.stringify(twin));
    expect(system).toContain('60%');
    expect(body.generationConfig?.imageConfig).toEqual({ aspectRatio: '16:9', imageSize: '2K' });
    expect(body.generationConfig?.responseModalities).toEqual(['TEXT', 'IMAGE']);
    expect(lastUserParts(body)[0]!.inlineData?.mimeType).toBe('image/png');
    expect(result.image_uri).toMatch(/^mobius-asset:\/\/files\/[0-9a-f]{64}\.png$/);
    expect(sink.stored.get(result.sha256)).toBeDefined();
    expect([result.width, result.height]).toEqual([128, 72]);
    // Thought drafts are grey; the final image uses the palette (neutral white on the left at 60 %).
    const { data } = await sharp(result.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(result.session.history).toHaveLength(2);
    expect(result.session.turns).toBe(1);
  });

  it('audits with the reasoning model, image inline and FULL guidelines; the raw audit is scored in code (11, 12, 13)', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.enqueue({
      kind: 'json',
      value: {
        overall_score: 100,
        approved: true,
        summary: 'Mostly on brand.',
        categories: [
          { category: 'colors', score: 70, violations: [{ description: 'Lime block is off palette', severity: 'high', fix_suggestion: 'Use #0057B8', box_2d: [500, 250, 750, 500] }] },
          { category: 'typography', score: 90, violations: [] },
          { category: 'layout', score: 85, violations: [] },
          { category: 'logo_usage', score: 95, violations: [] },
        ],
      },
    });
    const image = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    const { audit } = await client.auditImage({ bytes: image, mime: 'image/png' }, guidelines, { pixelEvidence: { off_palette_share: 0.06 } });
    // The client returns what the model said; the audit pipeline scores it (threshold 80).
    expect(audit.categories.every((c) => c.passed === false)).toBe(true);
    const score = scoreModelAudit(audit, { threshold: 80, brandVersion: 3 });
    expect(fake.requests.map((r) => r.model)).toEqual(['gemini-3.1-pro-preview']);
    const parts = lastUserParts(fake.requests[0]!.body);
    expect(parts[0]!.inlineData?.mimeType).toBe('image/png');
    const prompt = parts.map((p) => p.text ?? '').join('');
    // Full guidelines: names, voice and rules the compressed twin does not carry.
    expect(prompt).toContain(JSON.stringify(guidelines));
    expect(prompt).toContain('Heritage Gold');
    expect(prompt).toContain('off_palette_share');
    expect(score.categories.map((c) => c.category)).toEqual(['colors', 'typography', 'layout', 'logo_usage']);
    expect(score.overall_score).toBe(overallScore(score.categories));
    expect(score.overall_score).toBeCloseTo(0.3 * 70 + 0.25 * 90 + 0.25 * 85 + 0.2 * 95, 5);
    expect(score.approved).toBe(true);
    expect(score.categories[0]!.passed).toBe(false);
    const violation = score.categories[0]!.violations[0]!;
    expect(violation.region).toEqual({ x: 0.25, y: 0.5, w: 0.25, h: 0.25 });
    expect(violation.source).toBe('model');
    expect(score.partial).toBe(false);
    expect(score.brand_version).toBe(3);
  });

  it('audit failures give a partial score with error annotations, never a silent zero (20); total failures are thrown for the pipeline', async () => {
    const { client } = testClient(fake.baseUrl);
    const image = { bytes: await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer(), mime: 'image/png' };

    fake.enqueue({ kind: 'json', value: { summary: 's', categories: [{ category: 'colors', score: 88, violations: [] }, { category: 'layout', score: 'high' }] } });
    const some = scoreModelAudit((await client.auditImage(image, guidelines)).audit, { threshold: 80 });
    expect(some.partial).toBe(true);
    expect(some.categories.map((c) => c.category)).toEqual(['colors']);
    expect(some.overall_score).toBe(88);
    expect(some.errors.map((e) => e.category).sort()).toEqual(['layout', 'logo_usage', 'typography']);

    fake.enqueue([{ kind: 'malformed' }, { kind: 'error', status: 'UNAVAILABLE' }, { kind: 'error', status: 'INTERNAL' }, { kind: 'error', status: 'DEADLINE_EXCEEDED' }]);
    const failure = (await client.auditImage(image, guidelines).catch((e: unknown) => e)) as MobiusError;
    expect(failure).toBeInstanceOf(MobiusError);
    const failed = failedModelAudit(failure.code, failure.message, { threshold: 80 });
    expect(failed.partial).toBe(true);
    expect(failed.approved).toBe(false);
    expect(failed.errors[0]!.code).toBe('GEMINI_UNAVAILABLE');
    expect(failed.summary).toMatch(/failed/);

    fake.enqueue([{ kind: 'text', text: '{"categories": [' }, { kind: 'text', text: 'still not json' }]);
    const garbledError = (await client.auditImage(image, guidelines).catch((e: unknown) => e)) as MobiusError;
    expect(garbledError.code).toBe('GEMINI_BAD_RESPONSE');
    const garbled = failedModelAudit(garbledError.code, garbledError.message, { threshold: 80 });
    expect(garbled.partial).toBe(true);
    expect(garbled.errors[0]!.code).toBe('GEMINI_BAD_RESPONSE');
  });

  it('maps safety blocks and missing images to GEMINI_SAFETY / GEMINI_NO_IMAGE without retrying', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'blocked', blockReason: 'PROHIBITED_CONTENT' });
    await expect(client.generateImage('x', twin)).rejects.toMatchObject({ code: 'GEMINI_SAFETY', details: { block_reason: 'PROHIBITED_CONTENT' } });
    fake.enqueue({ kind: 'finish', finishReason: 'IMAGE_SAFETY' });
    await expect(client.generateImage('x', twin)).rejects.toMatchObject({ code: 'GEMINI_SAFETY', details: { block_reason: 'IMAGE_SAFETY' } });
    fake.enqueue({ kind: 'finish', finishReason: 'NO_IMAGE', text: 'I can only describe it.' });
    await expect(client.generateImage('x', twin)).rejects.toMatchObject({ code: 'GEMINI_NO_IMAGE', details: { finish_reason: 'NO_IMAGE' } });
    expect(fake.requests).toHaveLength(3);
  });

  it('counts tokens and checks models, naming the successor of a retired id', async () => {
    const { client } = testClient(fake.baseUrl, { settings: { reasoning_model: 'gemini-3-pro-preview' } });
    expect(await testClient(fake.baseUrl).client.countTokens('hello world, how many tokens?')).toBeGreaterThan(0);
    const checks = await client.checkModels();
    expect(checks).toEqual([
      expect.objectContaining({ role: 'reasoning', model: 'gemini-3-pro-preview', available: false, error: expect.objectContaining({ code: 'GEMINI_MODEL_NOT_FOUND', successor: 'gemini-3.1-pro-preview' }) }),
      expect.objectContaining({ role: 'vision', model: 'gemini-3-pro-image', available: true, error: null }),
    ]);
    expect(checks[0]!.error!.message).toContain('gemini-3.1-pro-preview');
  });
});
