import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, dispatch, type Engine } from '../../../electron/core/app';
import { GEMINI_ACCOUNT, MemorySecretStore } from '../../../electron/core/secrets';
import { openStore } from '../../../electron/core/store';
import { GenerationState } from '../../../electron/core/workflow';
import { GEMINI_NOT_CONFIGURED_MESSAGE } from '../../../electron/core/gemini';
import { OPERATIONS, type JobDetail, type OperationName, type Response } from '../../../shared/ipc';
import type { Job } from '../../../shared/schema';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { createBrand } from '../workflow/helpers';

const KEY = 'AIzaSyEngineJobsTestKey0123456789abcdefg';
const IMAGE_MODEL = 'gemini-3-pro-image';
let fake: FakeGemini;
const dirs: string[] = [];
const engines: Engine[] = [];

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY, imageScale: 1 / 16, demoCorrection: true });
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  fake.reset();
});
afterAll(async () => {
  await fake.close();
});

/** A data dir with one brand (and optionally a job left unfinished by a previous run). */
function dataDir(seed?: (store: ReturnType<typeof openStore>, brandId: string) => void): { dir: string; brandId: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mobius-engine-jobs-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir });
  const brandId = createBrand(store);
  seed?.(store, brandId);
  store.close();
  return { dir, brandId };
}

async function engineFor(dir: string, key: string | null): Promise<Engine> {
  const engine = await createEngine({
    dataDir: dir,
    env: { MOBIUS_GEMINI_BASE_URL: fake.baseUrl },
    secrets: new MemorySecretStore(key ? { [GEMINI_ACCOUNT]: key } : {}),
    probe: async () => true,
    ocr: false,
  });
  engines.push(engine);
  return engine;
}

async function call<K extends OperationName>(engine: Engine, op: K, request: unknown): Promise<Response<K>> {
  const result = await dispatch(engine, op, request);
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
  // Every value that leaves the engine must satisfy the contract's response schema.
  return OPERATIONS[op].response.parse(result.value) as Response<K>;
}

/** Resolves when the job's status is terminal, from events or (if it already happened) the store. */
function terminal(engine: Engine, jobId: string): Promise<Job> {
  const done = ['approved', 'needs_review', 'failed', 'cancelled'];
  return new Promise((resolve) => {
    const off = engine.events.on('jobs.updated', ({ job }) => {
      if (job.job_id === jobId && done.includes(job.status)) {
        off();
        resolve(job);
      }
    });
    void dispatch(engine, 'jobs.get', { job_id: jobId }).then((r) => {
      if (r.ok && done.includes((r.value as JobDetail).job.status)) {
        off();
        resolve((r.value as JobDetail).job);
      }
    });
  });
}

describe('generation jobs through the engine (fake Gemini with demo correction)', () => {
  it('generate → jobs.updated events → approved after 2 attempts; jobs.get shows the attempt chain', async () => {
    const { dir, brandId } = dataDir();
    const engine = await engineFor(dir, KEY);
    const statuses: string[] = [];
    engine.events.on('jobs.updated', ({ job }) => statuses.push(job.status));

    const job = await call(engine, 'jobs.generate', { brand_id: brandId, prompt: 'A launch poster for the spring collection', aspect_ratio: '4:5' });
    const finished = await terminal(engine, job.job_id);

    expect(finished.status).toBe('approved');
    expect(finished.attempt_count).toBe(2);
    expect(statuses).toEqual(['pending', 'generating', 'auditing', 'correcting', 'generating', 'auditing', 'approved']);
    expect(fake.requestsFor({ model: IMAGE_MODEL, operation: 'generateContent' })).toHaveLength(2);

    const detail = await call(engine, 'jobs.get', { job_id: job.job_id });
    expect(detail.prompt).toBe('A launch poster for the spring collection');
    expect(detail.aspect_ratio).toBe('4:5');
    expect(detail.attempts.map((a) => a.kind)).toEqual(['generate', 'correct']);
    const [first, second] = detail.attempts.map((a) => a.view.asset);
    expect(first!.compliance!.approved).toBe(false);
    expect(second!.parent_asset_id).toBe(first!.asset_id);
    expect(second!.compliance!.approved).toBe(true);
    expect(detail.selected!.asset.asset_id).toBe(second!.asset_id);
    expect(detail.selected!.image_url).toMatch(/^mobius-asset:\/\//);

    const listed = await call(engine, 'jobs.list', { brand_id: brandId });
    expect(listed.map((j) => j.job_id)).toEqual([job.job_id]);
    // Same idempotency key → same job.
    const again = await call(engine, 'jobs.generate', { brand_id: brandId, prompt: 'x', idempotency_key: 'k1' });
    expect((await call(engine, 'jobs.generate', { brand_id: brandId, prompt: 'x', idempotency_key: 'k1' })).job_id).toBe(again.job_id);
    await call(engine, 'jobs.cancel', { job_id: again.job_id }).catch(() => undefined);
    await terminal(engine, again.job_id);
  });

  it('resumes an unfinished job when the engine starts with a key', async () => {
    let jobId = '';
    const { dir } = dataDir((store, brandId) => {
      const state = GenerationState.parse({ prompt: 'Left behind by a crash', brand_version: 1 });
      jobId = store.jobs.create({ brand_id: brandId, state: state as unknown as Record<string, unknown> }).job_id;
    });
    const engine = await engineFor(dir, KEY);
    const finished = await terminal(engine, jobId);
    expect(finished.status).toBe('approved');
    expect(finished.attempt_count).toBe(2);
  });

  it('without a key: jobs.generate is GEMINI_NOT_CONFIGURED with the clear message; listing, and setting a key later, work', async () => {
    const { dir, brandId } = dataDir();
    const engine = await engineFor(dir, null);
    const refused = await dispatch(engine, 'jobs.generate', { brand_id: brandId, prompt: 'A poster' });
    expect(refused).toEqual({ ok: false, error: { code: 'GEMINI_NOT_CONFIGURED', message: GEMINI_NOT_CONFIGURED_MESSAGE, details: { reason: 'no_api_key' } } });
    expect(await call(engine, 'jobs.list', {})).toEqual([]);
    expect(fake.requests).toHaveLength(0);

    await call(engine, 'secrets.set', { value: KEY });
    const job = await call(engine, 'jobs.generate', { brand_id: brandId, prompt: 'A poster' });
    expect((await terminal(engine, job.job_id)).status).toBe('approved');
  });
});
