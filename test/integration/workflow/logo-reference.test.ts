import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { addBrandLogo } from '../../../electron/core/brands/brand-logos';
import { stopEvidenceWorker } from '../../../electron/core/ingest/collect-evidence';
import { startFakeGemini, type FakeGemini, type FakeReply, type RecordedRequest } from '../../fakes/gemini-server';
import { drawLogo, logoDesign, logoPng } from '../../fixtures/logos/logo';
import { createRng } from '../../fixtures/pdf/corpus/rng';
import { harness, OFF_GREEN, TEST_KEY, tempDir, type Harness } from './helpers';

// The brand's real logo goes to the image model with the first request and with every
// correction, through the real @google/genai SDK against the project's fake Gemini; without a
// logo file the model is told not to invent one.
const IMAGE_MODEL = 'gemini-3-pro-image';
const auditor = new PixelAuditor();
let fake: FakeGemini;
let h: Harness;
let dir: string;
let cleanup: () => void;

const offPalette: FakeReply = { kind: 'image', composition: { offPalette: { hex: OFF_GREEN, box: { x: 0.5, y: 0, w: 0.5, h: 0.5 } } } };
const design = logoDesign(createRng(11), 'Acme', { symbol: '#0057B8', inner: '#FFFFFF', word: '#333333' });

/** The parts of the message a request adds (the last user turn): what this turn sends. */
const turn = (request: RecordedRequest) => request.body.contents!.at(-1)!.parts ?? [];
const images = (request: RecordedRequest) => turn(request).filter((p) => p.inlineData?.mimeType?.startsWith('image/'));
const text = (request: RecordedRequest) =>
  turn(request)
    .flatMap((p) => (typeof p.text === 'string' ? [p.text] : []))
    .join('\n');
const system = (request: RecordedRequest) => (request.body.systemInstruction?.parts ?? []).map((p) => p.text ?? '').join('\n');

async function addLogo(variant: 'primary' | 'reversed', file: string): Promise<void> {
  writeFileSync(file, await logoPng(drawLogo(design, variant), 480));
  await addBrandLogo(h.store, { brand_id: h.brandId, path: file, variant });
}

/** Width and height of an image part, decoded (the client may re-encode what it sends). */
async function sizeOf(part: { inlineData?: { data?: string } }): Promise<[number, number]> {
  const meta = await sharp(Buffer.from(part.inlineData!.data!, 'base64')).metadata();
  return [meta.width!, meta.height!];
}

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: TEST_KEY, imageScale: 1 / 16 });
});
afterAll(async () => {
  await fake.close();
  await auditor.close();
  await stopEvidenceWorker();
});
beforeEach(() => {
  fake.reset();
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  h = harness(t.dir, fake.baseUrl, { auditor });
});
afterEach(async () => {
  await h.close();
  cleanup();
});

describe('the brand logo in generation requests (fake Gemini through the real SDK)', () => {
  it('sends the logo file as an image part with the first request and with every correction, told to reproduce it unchanged', async () => {
    await addLogo('primary', path.join(dir, 'acme.png'));
    fake.enqueue([offPalette, offPalette, { kind: 'image' }], { model: IMAGE_MODEL });
    const job = await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A launch poster for the spring collection' }).job_id);
    expect(job.attempt_count).toBe(3);
    const requests = fake.requestsFor({ model: IMAGE_MODEL, operation: 'generateContent' });
    expect(requests).toHaveLength(3);
    const drawing = drawLogo(design);
    for (const [i, request] of requests.entries()) {
      const sent = images(request);
      expect(sent, `request ${i + 1}`).toHaveLength(1);
      const [w, hgt] = await sizeOf(sent[0]!);
      expect(w / hgt).toBeCloseTo(drawing.width / drawing.height, 1);
      expect(text(request)).toMatch(/^The first image attached to this message is the brand's primary logo\..*reproduced unchanged/);
      expect(system(request)).toContain("The brand's logo is attached to each request as a reference image");
    }
    // The first turn carries the prompt; the corrections carry their instruction after the logo's.
    expect(text(requests[0]!)).toContain('A launch poster for the spring collection');
    expect(text(requests[1]!)).toMatch(/Off-palette colour/);
  });

  it('sends the reversed logo when the image is to be dark', async () => {
    await addLogo('primary', path.join(dir, 'acme.png'));
    await addLogo('reversed', path.join(dir, 'acme-white.png'));
    fake.enqueue([{ kind: 'image' }], { model: IMAGE_MODEL });
    await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A poster on a dark background for the night market' }).job_id);
    const [request] = fake.requestsFor({ model: IMAGE_MODEL, operation: 'generateContent' });
    expect(images(request!)).toHaveLength(1);
    expect(text(request!)).toMatch(/brand's reversed logo/);
  });

  it('without a logo file, sends no image and forbids inventing a logo', async () => {
    fake.enqueue([{ kind: 'image' }], { model: IMAGE_MODEL });
    await h.runner.waitFor(h.runner.submit({ brand_id: h.brandId, prompt: 'A poster' }).job_id);
    const [request] = fake.requestsFor({ model: IMAGE_MODEL, operation: 'generateContent' });
    expect(images(request!)).toHaveLength(0);
    expect(text(request!)).toBe('A poster');
    expect(system(request!)).toContain('This brand has no logo file. Do not draw any logo');
  });
});
