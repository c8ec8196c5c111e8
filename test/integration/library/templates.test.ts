import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, dispatch, type Engine } from '../../../electron/core/app';
import { GEMINI_ACCOUNT, MemorySecretStore } from '../../../electron/core/secrets';
import { openStore } from '../../../electron/core/store';
import { OPERATIONS, type OperationName, type Response } from '../../../shared/ipc';
import type { JobView } from '../../../shared/schema';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { createBrand } from '../workflow/helpers';

const KEY = 'AIzaSyTemplatesTestKey0123456789abcdefgh';
let fake: FakeGemini;
let engine: Engine;
let dir: string;
let brandId: string;

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY, imageScale: 1 / 16 });
  dir = mkdtempSync(path.join(tmpdir(), 'mobius-templates-'));
  const store = openStore({ dataDir: dir });
  brandId = createBrand(store);
  store.close();
  engine = await createEngine({ dataDir: dir, env: { MOBIUS_GEMINI_BASE_URL: fake.baseUrl }, secrets: new MemorySecretStore({ [GEMINI_ACCOUNT]: KEY }), probe: async () => true, ocr: false });
});
afterAll(async () => {
  await engine?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<K extends OperationName>(op: K, request: unknown): Promise<Response<K>> {
  const result = await dispatch(engine, op, request);
  if (!result.ok) throw Object.assign(new Error(`${op}: ${result.error.code} ${result.error.message}`), { error: result.error });
  return OPERATIONS[op].response.parse(result.value) as Response<K>;
}

function finished(jobId: string): Promise<JobView> {
  return new Promise((resolve) => {
    const off = engine.events.on('jobs.updated', ({ job }) => {
      if (job.job_id === jobId && ['approved', 'needs_review', 'failed', 'cancelled'].includes(job.status)) {
        off();
        resolve(job);
      }
    });
  });
}

describe('templates', () => {
  it('saves an approved generation and generates from it with its settings and the image as a style reference', async () => {
    const job = await call('jobs.generate', { brand_id: brandId, prompt: 'A spring poster with the harbour', aspect_ratio: '4:5', image_size: '2K' });
    const done = await finished(job.job_id);
    expect(done.status).toBe('approved');
    const assetId = done.state.selected_asset_id!;

    const template = await call('templates.save', { asset_id: assetId, name: 'Spring poster' });
    expect(template).toMatchObject({ name: 'Spring poster', prompt: 'A spring poster with the harbour', aspect_ratio: '4:5', image_size: '2K', brand_id: brandId });
    expect(template.references[0]!.sha256).toBe(engine.core.store.assets.require(assetId).sha256);
    expect((await call('templates.list', { brand_id: brandId })).map((t) => t.template_id)).toEqual([template.template_id]);

    fake.reset();
    const next = await call('templates.generate', { template_id: template.template_id, prompt: 'The same poster for the autumn sale' });
    expect(next.state.template?.template_id).toBe(template.template_id);
    expect(next.state.params).toEqual({ aspect_ratio: '4:5', image_size: '2K' });
    await finished(next.job_id);
    const [request] = fake.requestsFor({ model: 'gemini-3-pro-image', operation: 'generateContent' });
    const parts = (request!.body as { contents: { parts: { text?: string; inlineData?: { data: string } }[] }[] }).contents[0]!.parts;
    expect(parts.filter((p) => p.inlineData).length).toBeGreaterThanOrEqual(1);
    expect(parts.at(-1)!.text).toMatch(/^The last attached image is an approved design of this brand[\s\S]*The same poster for the autumn sale$/);
    const source = engine.core.store.files.path(template.references[0]!.sha256, template.references[0]!.ext);
    const { readFileSync } = await import('node:fs');
    expect(parts.some((p) => p.inlineData?.data === readFileSync(source).toString('base64'))).toBe(true);

    await call('templates.delete', { template_id: template.template_id });
    expect(await call('templates.list', { brand_id: brandId })).toEqual([]);
  });

  it('refuses an image that is not approved', async () => {
    const asset = engine.core.store.assets.list()[0]!;
    engine.core.store.assets.update(asset.asset_id, { status: 'rejected' });
    await expect(call('templates.save', { asset_id: asset.asset_id })).rejects.toMatchObject({ error: { code: 'VALIDATION', details: { reason: 'not_approved' } } });
  });
});
