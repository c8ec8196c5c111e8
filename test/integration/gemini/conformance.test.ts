// Issue 12's "done when", through the real SDK against the strict fake
// (test/fakes/gemini-server/strict.ts refuses what the live API refuses):
// every request the client makes is accepted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Brand } from '../../../shared/schema';
import { Settings } from '../../../shared/schema/settings';
import { AuditPipeline } from '../../../electron/core/audit/pipeline';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { createCore, type Core } from '../../../electron/core/core';
import { MODEL_IMAGE_MAX_SIDE } from '../../../electron/core/gemini/image-input';
import { GEMINI_ACCOUNT, MemorySecretStore } from '../../../electron/core/secrets';
import { startFakeGemini, type FakeGemini, type RecordedRequest } from '../../fakes/gemini-server';
import { generateBrandPdf } from '../../fixtures/pdf/brand-pdf';
import { onBrand, png, testGuidelines } from '../../fixtures/images/generate';
import { fixtureBrandPdf } from '../../support/brand-fixture';
import { SENTINEL_KEY, memorySink, testClient } from './helpers';

let fake: FakeGemini;
const auditor = new PixelAuditor();
const pipeline = new AuditPipeline({ auditor, settings: { get: () => ({ compliance_threshold: 0.8 }) }, ocr: false });
const brand = Brand.parse({ brand_id: 'b1', name: 'Northwind', guidelines: testGuidelines(), version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
const generateRequests = () => fake.requestsFor({ operation: 'generateContent' });
const sentImages = (request: RecordedRequest) => (request.body.contents ?? []).flatMap((c) => (c.parts ?? []).filter((p) => p.inlineData?.mimeType?.startsWith('image/')));

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: SENTINEL_KEY });
});
afterAll(async () => {
  await fake.close();
  await auditor.close();
});
beforeEach(() => fake.reset());

describe('every image the client sends is one Gemini accepts', () => {
  const cases: Array<[string, () => Promise<Buffer>, string]> = [
    ['a GIF', async () => sharp(await png(onBrand())).gif().toBuffer(), 'converted from GIF'],
    ['a TIFF', async () => sharp(await png(onBrand())).tiff().toBuffer(), 'converted from TIFF'],
    ['a 16-bit PNG', async () => sharp(await png(onBrand())).toColourspace('rgb16').png().toBuffer(), 'reduced to 8 bits per channel'],
    [
      'a 40 MP JPEG',
      async () => sharp(await png(onBrand())).resize(8000, 5000, { kernel: 'nearest', fit: 'fill' }).jpeg({ quality: 80 }).toBuffer(),
      `downscaled to ${MODEL_IMAGE_MAX_SIDE} px long side`,
    ],
  ];

  it.each(cases)('%s is audited online with an accepted request, and the audit says what was sent', async (_name, make, change) => {
    const bytes = await make();
    const { client } = testClient(fake.baseUrl);
    const outcome = await pipeline.audit(brand, bytes, { gemini: { client } });
    expect(outcome.model).toEqual({ status: 'assessed' });
    const [request, ...more] = generateRequests();
    expect(more).toEqual([]);
    expect(request!.status).toBe(200);
    const [image] = sentImages(request!);
    const sent = Buffer.from(image!.inlineData!.data!, 'base64');
    const meta = await sharp(sent).metadata();
    expect(['png', 'jpeg']).toContain(meta.format);
    expect(meta.depth).toBe('uchar');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(MODEL_IMAGE_MAX_SIDE);
    expect(outcome.score.model_input).toMatchObject({ mime: image!.inlineData!.mimeType, bytes: sent.length, width: meta.width, height: meta.height });
    expect(outcome.score.model_input!.changes).toContain(change);
    expect(outcome.score.partial).toBe(false);
  }, 60_000);
});

describe('reference images (logos) of any format', () => {
  const twin = { primary_colors: ['#0B5FA5'], secondary_colors: [], accent_colors: [], neutral_colors: ['#F4F1EA'], semantic_colors: [], font_families: [], visual_dos: [], visual_donts: [], logo_placement: null, logo_min_size: null, logo_files: [] };

  it('go to the image model as PNG or JPEG; one that cannot be read is left out with a warning, not a failed image', async () => {
    const { client, logger } = testClient(fake.baseUrl, { images: memorySink() });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#0B5FA5"/></svg>');
    const gif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#FF6B4A' } }).gif().toBuffer();
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(64)]);
    const result = await client.generateImage('A poster', twin, {
      reference_images: [
        { bytes: svg, mime: 'image/svg+xml' },
        { bytes: gif, mime: 'image/gif' },
        { bytes: bmp, mime: 'image/bmp' },
      ],
    });
    expect(result.image_uri).toMatch(/^mobius-asset:/);
    const [request] = generateRequests();
    expect(request!.status).toBe(200);
    expect(sentImages(request!).map((p) => p.inlineData!.mimeType)).toEqual(['image/png', 'image/png']);
    expect(logger.records().filter((r) => r['event'] === 'gemini.reference_image_skipped')).toEqual([expect.objectContaining({ mime: 'image/bmp', error_code: 'UNSUPPORTED_IMAGE' })]);
  });
});

describe('online ingest gets a model reply (never the invalid-argument fallback)', () => {
  let dir: string;
  let core: Core;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-conformance-'));
    core = createCore({
      dataDir: dir,
      env: { MOBIUS_GEMINI_BASE_URL: fake.baseUrl },
      secrets: new MemorySecretStore({ [GEMINI_ACCOUNT]: SENTINEL_KEY }),
      ocr: false,
    });
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ingestOnline(file: string): Promise<void> {
    fake.reset();
    const result = await core.services.brands.ingest({ path: file, ingest_id: `conformance-${path.basename(file)}` });
    const requests = generateRequests();
    expect(requests.map((r) => r.status), path.basename(file)).toEqual([200]);
    expect(result.refined, path.basename(file)).toBe(true);
    expect(result.warnings.join(' ')).not.toMatch(/could not refine/);
    expect(result.brand.guidelines.source_filename).toBe(path.basename(file));
    expect(Date.parse(result.brand.guidelines.ingested_at!)).toBeGreaterThan(Date.now() - 600_000);
  }

  it("the project's generated guideline PDFs", async () => {
    const specs = [
      (await fixtureBrandPdf()).bytes,
      (
        await generateBrandPdf({
          colors: [
            { name: 'Heritage Gold', hex: '#C9A227', role: 'accent', notation: 'cmyk-pantone', cmyk: [0, 20, 85, 21], pantone: '7555 C' },
            { name: 'Deep Sea', hex: '#0B3D5C', role: 'primary', notation: 'rgb-fn' },
            { name: 'Fog', hex: '#E6E8EA', role: 'neutral', notation: 'rgb-only' },
          ],
          fonts: [{ family: 'Source Serif', label: 'Headline typeface' }],
          dos: ['keep headlines short'],
          donts: ['use gold for backgrounds'],
          misuseColors: ['#FF00FF'],
          layout: 'grid',
          specimen: true,
          extraPages: 3,
        })
      ).bytes,
    ];
    for (const [i, bytes] of specs.entries()) {
      const file = path.join(dir, `generated-${i}.pdf`);
      writeFileSync(file, bytes);
      await ingestOnline(file);
    }
  }, 120_000);

  // The real guideline PDFs beside the repository (../shared/eval) are never a dependency of the suite:
  // `npm run eval:ingest -- --online` ingests each through the real SDK against this strict fake and
  // fails if any request is refused or any reply goes unused.

  it('cancelling the ingest aborts the model request in flight (not only the steps around it)', async () => {
    fake.reset();
    const file = path.join(dir, 'cancel.pdf');
    writeFileSync(file, (await fixtureBrandPdf()).bytes);
    fake.enqueue({ kind: 'hang' }, { model: 'gemini-3.1-pro-preview' });
    const brandsBefore = core.store.brands.list().length;
    const ingest = core.services.brands.ingest({ path: file, ingest_id: 'cancel-me' });
    while (generateRequests().length === 0) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    expect(await core.services.brands.cancelIngest({ ingest_id: 'cancel-me' })).toEqual({ cancelled: true });
    await expect(ingest).rejects.toMatchObject({ code: 'CANCELLED' });
    // Well before any timeout: the request itself was aborted, and not retried.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(generateRequests()).toHaveLength(1);
    expect(core.store.brands.list()).toHaveLength(brandsBefore);
  }, 60_000);
});

describe('a daily or free-tier quota fails at once', () => {
  it('one request, GEMINI_QUOTA_EXHAUSTED with the quota id, for the reasoning and the image model', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'quota_exhausted', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }, { model: 'gemini-3.1-pro-preview' });
    await expect(client.extractGuidelines((await fixtureBrandPdf()).bytes, { filename: 'q.pdf' })).rejects.toMatchObject({
      code: 'GEMINI_QUOTA_EXHAUSTED',
      details: { quota_id: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', requests: 1, http_status: 429 },
    });
    fake.enqueue({ kind: 'quota_exhausted', quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }, { model: 'gemini-3-pro-image' });
    await expect(client.generateImage('poster', { primary_colors: [], secondary_colors: [], accent_colors: [], neutral_colors: [], semantic_colors: [], font_families: [], visual_dos: [], visual_donts: [], logo_placement: null, logo_min_size: null, logo_files: [] })).rejects.toMatchObject({
      code: 'GEMINI_QUOTA_EXHAUSTED',
      details: { quota_id: 'GenerateRequestsPerDayPerProjectPerModel', requests: 1 },
    });
    expect(generateRequests()).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('a generation job fails with it at once (not paused, not retried)', async () => {
    const { harness, tempDir } = await import('../workflow/helpers');
    const { dir, cleanup } = tempDir();
    const h = harness(dir, fake.baseUrl, { apiKey: SENTINEL_KEY });
    try {
      fake.enqueue({ kind: 'quota_exhausted', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }, { model: 'gemini-3-pro-image' });
      const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A launch poster' });
      const done = await h.runner.waitFor(job.job_id);
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('GEMINI_QUOTA_EXHAUSTED');
      expect(fake.requestsFor({ model: 'gemini-3-pro-image' })).toHaveLength(1);
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('the environment cannot redirect the key', () => {
  const HOSTILE = {
    GOOGLE_GENAI_USE_VERTEXAI: 'true',
    GOOGLE_GENAI_USE_ENTERPRISE: 'true',
    GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9/elsewhere',
    GOOGLE_VERTEX_BASE_URL: 'http://127.0.0.1:9/vertex',
    GOOGLE_GENAI_API_VERSION: 'v1',
    GOOGLE_CLOUD_PROJECT: 'someone-elses-project',
    GOOGLE_CLOUD_LOCATION: 'us-central1',
    GOOGLE_API_KEY: 'not-the-users-key',
  };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(HOSTILE)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('calls go to the configured endpoint, on v1beta, with the key header', async () => {
    const { client } = testClient(fake.baseUrl);
    await client.countTokens('hello');
    await client.checkModels();
    expect(fake.requests.map((r) => [r.operation, r.apiVersion, r.apiKeyPresent, r.status])).toEqual([
      ['countTokens', 'v1beta', true, 200],
      ['getModel', 'v1beta', true, 200],
      ['getModel', 'v1beta', true, 200],
    ]);
    expect(fake.requests.every((r) => !r.path.includes('projects/'))).toBe(true);
  });

  it("with no endpoint configured, they go to Google's, never to GOOGLE_GEMINI_BASE_URL or Vertex", async () => {
    const urls: string[] = [];
    const headers: Array<string | null> = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      urls.push(String(input));
      headers.push(new Headers(init?.headers).get('x-goog-api-key'));
      return new Response(JSON.stringify({ totalTokens: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { client } = testClient('', { baseUrl: null, fetch: fetchSpy, settings: Settings.parse({}) });
    await client.countTokens('hello');
    expect(urls).toEqual(['https://generativelanguage.googleapis.com/v1beta/models/gemini-3.1-pro-preview:countTokens']);
    expect(headers).toEqual([SENTINEL_KEY]);
  });
});

describe('a gateway with a path', () => {
  it('uploads through the gateway path the SDK drops, and a base URL ending in /v1beta is not doubled', async () => {
    const gateway = await startFakeGemini({ apiKey: SENTINEL_KEY, pathPrefix: '/tenant-7/gemini' });
    try {
      gateway.setFileLifecycle({ processingPolls: 0 });
      const { client } = testClient(`${gateway.baseUrl}/v1beta/`);
      const pdf = (await fixtureBrandPdf()).bytes;
      // A prompt over the inline headroom sends the PDF through the Files API.
      await client.extractGuidelines(pdf, { filename: 'gw.pdf', localEvidence: { notes: 'x'.repeat(1_000_001) } });
      expect(gateway.requests.map((r) => [r.operation, r.status])).toEqual([
        ['uploadStart', 200],
        ['uploadChunk', 200],
        ['generateContent', 200],
        ['deleteFile', 200],
      ]);
      expect(gateway.requests.every((r) => r.path.startsWith('/tenant-7/gemini/') && !r.path.includes('v1beta/v1beta'))).toBe(true);
    } finally {
      await gateway.close();
    }
  });
});

describe('a three-turn 2K edit session stays small', () => {
  /** A photo-like 2048² PNG (gradients and grain) of about 5 MB, like a real 2K image. */
  async function photo2k(seed: number): Promise<Buffer> {
    const side = 2048;
    const raw = Buffer.alloc(side * side * 3);
    let s = seed;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
        const grain = (s >>> 24) & 3;
        const i = (y * side + x) * 3;
        raw[i] = (x >> 3) + grain;
        raw[i + 1] = (y >> 3) + grain;
        raw[i + 2] = ((x + y) >> 4) + grain;
      }
    }
    return sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
  }

  it('each request carries one image; the stored session holds references, not bytes', async () => {
    const { harness, tempDir } = await import('../workflow/helpers');
    const { dir, cleanup } = tempDir();
    const h = harness(dir, fake.baseUrl, { apiKey: SENTINEL_KEY, settings: { max_generation_attempts: 3 } });
    try {
      const images = [await photo2k(1), await photo2k(2), await photo2k(3)];
      fake.enqueue(images.map((p) => ({ kind: 'image' as const, png: p })), { model: 'gemini-3-pro-image' });
      const low = { categories: ['colors', 'typography', 'layout', 'logo_usage'].map((category) => ({ category, score: 30, violations: [] })), summary: 'Off brand.' };
      fake.enqueue([0, 1, 2].map(() => ({ kind: 'json' as const, value: low })), { model: 'gemini-3.1-pro-preview' });
      const stateBytes = new Map<number, number>();
      h.runner.subscribe((event) => {
        if (event.type === 'job.updated' && event.status === 'auditing') stateBytes.set(event.attempt, Buffer.byteLength(JSON.stringify(h.store.jobs.require(event.job_id).state)));
      });
      const job = h.runner.submit({ brand_id: h.brandId, prompt: 'A launch poster', image_size: '2K' });
      const done = await h.runner.waitFor(job.job_id);
      expect(done.status, JSON.stringify(done.error)).toBe('needs_review');
      const turns = fake.requestsFor({ model: 'gemini-3-pro-image' });
      expect(turns.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(turns.map((r) => sentImages(r).length)).toEqual([0, 1, 1]);
      const biggest = Math.max(...images.map((p) => p.length));
      const requestBytes = turns.map((r) => r.bodyBytes);
      const states = [1, 2, 3].map((turn) => stateBytes.get(turn)!);
      console.log(`2K edit session: image ${images.map((p) => p.length).join('/')} B; request bytes per turn ${requestBytes.join(' / ')}; job state bytes per turn ${states.join(' / ')}`);
      // Stated sizes: a request is at most one image (base64) plus 64 KB; the job state at most 32 KB.
      for (const bytes of requestBytes) expect(bytes).toBeLessThanOrEqual(Math.ceil(biggest / 3) * 4 + 64 * 1024);
      for (const bytes of states) expect(bytes).toBeLessThanOrEqual(32 * 1024);
      // The third turn's image is the second turn's answer, with its signatures.
      const [third] = turns.slice(2);
      const replayed = Buffer.from(sentImages(third!)[0]!.inlineData!.data!, 'base64');
      expect(replayed.equals(images[1]!)).toBe(true);
      const stored = JSON.stringify(h.store.jobs.require(job.job_id).state);
      expect(stored).not.toContain('inlineData');
      expect(stored).toContain('imageRef');
    } finally {
      await h.close();
      cleanup();
    }
  }, 120_000);
});

