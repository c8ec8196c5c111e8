import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { deriveCompressedTwin } from '../../../shared/twin';
import { backoffDelay } from '../../../electron/core/gemini';
import { DEFAULT_GUIDELINES, startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { testClient } from './helpers';

let fake: FakeGemini;
const twin = deriveCompressedTwin(BrandGuidelines.parse(DEFAULT_GUIDELINES));
const KEY = 'sentinel-key-7f3a9c1e-DO-NOT-LEAK';

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY, imageScale: 1 / 32 });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe('retries, timeouts and error codes (seed properties 9, 18, 19)', () => {
  it('503×2 then success → 3 requests with growing delays', async () => {
    const { client, sleeps, logger } = testClient(fake.baseUrl);
    fake.enqueue([{ kind: 'error', status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' }, { kind: 'error', status: 'UNAVAILABLE' }]);
    const result = await client.generateImage('poster', twin);
    expect(result.image_uri).toMatch(/^mobius-asset:/);
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([backoffDelay(0, () => 0.5), backoffDelay(1, () => 0.5)]);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    const calls = logger.records().filter((r) => r['event'] === 'gemini.call');
    expect(calls.map((c) => c['success'])).toEqual([false, false, true]);
    for (const call of calls) {
      expect(call).toMatchObject({ model_name: 'gemini-3-pro-image', operation_type: 'image_generation' });
      expect(call).toHaveProperty('latency_ms');
      expect(call).toHaveProperty('tokens');
      expect(call).toHaveProperty('cost_usd');
      expect(call).toHaveProperty('request_id');
      expect(call).toHaveProperty('brand_id');
    }
    expect(calls[0]).toMatchObject({ error_type: 'unavailable', http_status: 503 });
    expect(calls[2]!['cost_usd']).toBeGreaterThan(0.134);
  });

  it('503×4 → 4 requests, then GEMINI_UNAVAILABLE', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue(Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 'UNAVAILABLE' as const })));
    await expect(client.generateImage('poster', twin)).rejects.toMatchObject({ code: 'GEMINI_UNAVAILABLE', details: { requests: 4 } });
    expect(fake.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]! < sleeps[1]! && sleeps[1]! < sleeps[2]!).toBe(true);
  });

  it('429 with retryDelay "2s" waits at least 2 s before retrying', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'rate_limit', retryDelay: '2s' });
    await client.generateImage('poster', twin);
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]!).toBeGreaterThanOrEqual(2000);
  });

  it('a retry delay beyond a minute is not waited out: GEMINI_RATE_LIMITED with retry-after seconds', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'rate_limit', retryDelay: '120.5s' });
    await expect(client.generateImage('poster', twin)).rejects.toMatchObject({ code: 'GEMINI_RATE_LIMITED', details: { retry_after_seconds: 121 } });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('invalid key → 1 request, GEMINI_AUTH; 403 → GEMINI_AUTH; retired id → GEMINI_MODEL_NOT_FOUND naming the successor', async () => {
    const bad = testClient(fake.baseUrl, { apiKey: 'not-the-key' });
    await expect(bad.client.generateImage('poster', twin)).rejects.toMatchObject({ code: 'GEMINI_AUTH', details: { reason: 'API_KEY_INVALID' } });
    expect(fake.requests).toHaveLength(1);
    expect(bad.sleeps).toEqual([]);

    fake.reset();
    fake.enqueue({ kind: 'error', status: 'PERMISSION_DENIED', message: 'Your API key was reported as leaked.' });
    await expect(testClient(fake.baseUrl).client.generateImage('p', twin)).rejects.toMatchObject({ code: 'GEMINI_AUTH' });
    expect(fake.requests).toHaveLength(1);

    fake.reset();
    const retired = testClient(fake.baseUrl, { settings: { vision_model: 'gemini-3-pro-image-preview' } });
    const error = await retired.client.generateImage('p', twin).then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'GEMINI_MODEL_NOT_FOUND', details: { successor: 'gemini-3-pro-image' } });
    expect(error.message).toContain('gemini-3-pro-image"');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry invalid arguments', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'error', status: 'INVALID_ARGUMENT', message: 'Unsupported aspect ratio.' });
    await expect(client.generateImage('p', twin)).rejects.toMatchObject({ code: 'GEMINI_INVALID_REQUEST' });
    expect(fake.requests).toHaveLength(1);
  });

  it('hung response → timeout logged, retried with a larger timeout', async () => {
    const { client, logger } = testClient(fake.baseUrl, { settings: { generation_timeout_ms: 150 } });
    fake.enqueue({ kind: 'hang' });
    const result = await client.generateImage('poster', twin);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fake.requests).toHaveLength(2);
    const timeouts = logger.records().filter((r) => r['event'] === 'gemini.timeout');
    expect(timeouts).toEqual([expect.objectContaining({ model_name: 'gemini-3-pro-image', operation_type: 'image_generation', attempt: 1, timeout_ms: 150, next_timeout_ms: 225 })]);
    const calls = logger.records().filter((r) => r['event'] === 'gemini.call');
    expect(calls.map((c) => c['timeout_ms'])).toEqual([150, 225]);
    expect(calls[0]).toMatchObject({ success: false, error_type: 'timeout' });
  });

  it('malformed response bodies are retried; network failure ends as OFFLINE after 4 attempts', async () => {
    const { client } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'malformed' });
    await client.generateImage('poster', twin);
    expect(fake.requests).toHaveLength(2);

    const offline = testClient('http://127.0.0.1:9');
    await expect(offline.client.generateImage('poster', twin)).rejects.toMatchObject({ code: 'OFFLINE', details: { requests: 4 } });
    expect(offline.sleeps).toHaveLength(3);
  });

  it('cancellation via AbortSignal stops a hung request and does not retry', async () => {
    const { client, sleeps } = testClient(fake.baseUrl);
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = client.generateImage('poster', twin, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    await expect(client.generateImage('poster', twin, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fake.requests).toHaveLength(1);
  });
});
