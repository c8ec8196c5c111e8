import { GoogleGenAI } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { MODEL_SCHEMAS, modelJsonSchema } from '../../../electron/core/gemini/model-schemas';
import { SCHEMA_BUDGET, schemaStats, startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';

const KEY = 'fake-test-key';
let fake: FakeGemini;

const sdk = (key = KEY) => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta', timeout: 10_000 } });

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY, imageScale: 1 / 16 });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe('fake Gemini server', () => {
  it('serves models.get for known ids and NOT_FOUND for retired ones, on v1beta and v1', async () => {
    const model = await sdk().models.get({ model: 'gemini-3.1-pro-preview' });
    expect(model.name).toBe('models/gemini-3.1-pro-preview');
    await expect(sdk().models.get({ model: 'gemini-3-pro-preview' })).rejects.toMatchObject({ status: 404 });
    const v1 = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1' } });
    await v1.models.get({ model: 'gemini-3-pro-image' });
    expect(fake.requests.map((r) => r.apiVersion)).toEqual(['v1beta', 'v1beta', 'v1']);
  });

  it('rejects an invalid key with API_KEY_INVALID and records the request without the key', async () => {
    const error = await sdk('wrong').models.countTokens({ model: 'gemini-3.1-pro-preview', contents: 'hi' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(String((error as Error).message)).toContain('API_KEY_INVALID');
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests)).not.toContain('wrong');
  });

  it('accepts snake_case request fields like the real parser', async () => {
    const png = (await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toBuffer()).toString('base64');
    const res = await fetch(`${fake.baseUrl}/v1beta/models/gemini-3.1-pro-preview:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        contents: [{ role: 'user', parts: [{ text: 'audit' }, { inline_data: { mime_type: 'image/png', data: png } }] }],
        generation_config: { response_mime_type: 'application/json', response_json_schema: { properties: { usage_weight: {} } } },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates: Array<{ content: { parts: Array<{ text?: string; thought?: boolean }> } }> };
    const text = body.candidates[0]!.content.parts.find((p) => !p.thought)!.text!;
    expect(JSON.parse(text)).toHaveProperty('categories');
    const recorded = fake.requests[0]!.body;
    expect(recorded.contents![0]!.parts![1]!.inlineData!.mimeType).toBe('image/png');
    expect(recorded.generationConfig!.responseJsonSchema).toEqual({ properties: { usage_weight: {} } });
  });

  it('renders a real PNG in the requested palette, after thought parts and a thought image', async () => {
    fake.enqueue({
      kind: 'image',
      thoughtImages: 1,
      composition: { colors: [{ hex: '#0057B8', share: 0.7 }, { hex: '#FFFFFF', share: 0.3 }], offPalette: { hex: '#00FF00', box: { x: 0.5, y: 0.5, w: 0.25, h: 0.25 } } },
    });
    const res = await sdk().models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'a poster',
      config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '16:9', imageSize: '1K' } },
    });
    const parts = res.candidates![0]!.content!.parts!;
    expect(parts.some((p) => p.thought && p.inlineData)).toBe(true);
    const final = parts.filter((p) => p.inlineData && !p.thought).at(-1)!;
    expect(final.thoughtSignature).toBeTruthy();
    const png = Buffer.from(final.inlineData!.data!, 'base64');
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 36]);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(1, 1)).toEqual([0x00, 0x57, 0xb8]);
    expect(at(63, 1)).toEqual([255, 255, 255]);
    expect(at(40, 24)).toEqual([0, 255, 0]);
  });

  it('refuses a chat turn whose image part lost its thought signature', async () => {
    const first = await sdk().models.generateContent({ model: 'gemini-3-pro-image', contents: 'a poster' });
    const modelTurn = first.candidates![0]!.content!;
    const stripped = { role: 'model', parts: modelTurn.parts!.map(({ thoughtSignature: _sig, ...rest }) => rest) };
    const error = await sdk()
      .models.generateContent({ model: 'gemini-3-pro-image', contents: [{ role: 'user', parts: [{ text: 'a poster' }] }, stripped, { role: 'user', parts: [{ text: 'bluer' }] }] })
      .then(() => null)
      .catch((e: unknown) => e as Error & { status: number });
    expect(error?.status).toBe(400);
    expect(String((error as Error).message)).toContain('missing a thought_signature');
    const ok = await sdk().models.generateContent({
      model: 'gemini-3-pro-image',
      contents: [{ role: 'user', parts: [{ text: 'a poster' }] }, modelTurn, { role: 'user', parts: [{ text: 'bluer' }] }],
    });
    expect(ok.candidates![0]!.finishReason).toBe('STOP');
  });

  it('injects faults: RetryInfo, malformed JSON, blocks and NO_IMAGE', async () => {
    fake.enqueue([{ kind: 'rate_limit', retryDelay: '2s' }, { kind: 'malformed' }, { kind: 'blocked', blockReason: 'PROHIBITED_CONTENT' }, { kind: 'finish', finishReason: 'NO_IMAGE' }]);
    const call = () => sdk().models.generateContent({ model: 'gemini-3-pro-image', contents: 'x' });
    const limited = await call().then(() => new Error('no error'), (e: unknown) => e as Error);
    expect(JSON.parse(limited.message).error.details[1].retryDelay).toBe('2s');
    await expect(call()).rejects.toThrow();
    expect((await call()).promptFeedback?.blockReason).toBe('PROHIBITED_CONTENT');
    expect((await call()).candidates![0]!.finishReason).toBe('NO_IMAGE');
  });
});

describe('the fake is as strict as the real API', () => {
  const reasoning = 'gemini-3.1-pro-preview';
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as Error & { status: number });
  const image = (format: 'gif' | 'tiff' | 'png' | 'jpeg') => sharp({ create: { width: 4, height: 4, channels: 3, background: '#0057B8' } })[format]().toBuffer();
  const withImage = async (mimeType: string, bytes: Buffer) =>
    failure(sdk().models.generateContent({ model: reasoning, contents: [{ role: 'user', parts: [{ inlineData: { mimeType, data: bytes.toString('base64') } }, { text: 'audit' }] }] }));

  it('refuses image types Gemini does not read, and bytes that are not the image they claim to be', async () => {
    for (const [mime, format] of [['image/gif', 'gif'], ['image/tiff', 'tiff']] as const) {
      const error = await withImage(mime, await image(format));
      expect(error?.status).toBe(400);
      expect(JSON.parse(error!.message).error).toEqual({ code: 400, message: `Unsupported MIME type: ${mime}`, status: 'INVALID_ARGUMENT' });
    }
    const mislabelled = await withImage('image/png', await image('gif'));
    expect(JSON.parse(mislabelled!.message).error.message).toMatch(/^Unable to process input image/);
    expect(await withImage('image/png', await image('png'))).toBeNull();
    expect(await withImage('image/jpeg', await image('jpeg'))).toBeNull();
  });

  it('refuses a request over the inline size cap with the real message', async () => {
    const small = await startFakeGemini({ apiKey: KEY, requestLimitBytes: 100_000 });
    try {
      const client = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: small.baseUrl, apiVersion: 'v1beta' } });
      const big = await sharp(Buffer.alloc(200 * 200 * 3, 7), { raw: { width: 200, height: 200, channels: 3 } }).jpeg({ quality: 100 }).toBuffer();
      const padded = Buffer.concat([big, Buffer.alloc(120_000)]);
      const error = await failure(client.models.generateContent({ model: reasoning, contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/jpeg', data: padded.toString('base64') } }] }] }));
      expect(error?.status).toBe(400);
      expect(JSON.parse(error!.message).error.message).toBe('Request payload size exceeds the limit: 100000 bytes.');
    } finally {
      await small.close();
    }
  });

  it('refuses schemas outside the documented subset or over the budget with the bare invalid-argument 400; accepts what the client sends', async () => {
    const ask = (responseJsonSchema: unknown) =>
      failure(sdk().models.generateContent({ model: reasoning, contents: 'x', config: { responseMimeType: 'application/json', responseJsonSchema } }));
    // What the client sent before: the full domain schema straight from zod.
    const before = z.toJSONSchema(BrandGuidelines, { io: 'output', unrepresentable: 'any' });
    const refused = await ask(before);
    expect(refused?.status).toBe(400);
    expect(JSON.parse(refused!.message).error).toEqual({ code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' });
    expect(schemaStats(before)).toMatchObject({ outside: expect.objectContaining({ pattern: expect.any(Number), default: expect.any(Number), propertyNames: 1 }) });
    // Over the budget without a single unknown keyword: too many bounds.
    const bounded = { type: 'object', properties: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`n${i}`, { type: 'number', minimum: 0, maximum: 1 }])) };
    expect(schemaStats(bounded).bounds).toBeGreaterThan(SCHEMA_BUDGET.bounds);
    expect((await ask(bounded))?.status).toBe(400);
    expect((await ask({ type: 'string', pattern: '^#' }))?.status).toBe(400);
    for (const operation of Object.keys(MODEL_SCHEMAS) as Array<keyof typeof MODEL_SCHEMAS>) expect(await ask(modelJsonSchema(operation))).toBeNull();
  });

  it('refuses thinking level with a thinking budget, and image sizes or aspect ratios it does not know', async () => {
    const thinking = await failure(sdk().models.generateContent({ model: reasoning, contents: 'x', config: { thinkingConfig: { thinkingLevel: 'HIGH' as never, thinkingBudget: 1024 } } }));
    expect(thinking?.status).toBe(400);
    for (const imageConfig of [{ imageSize: '2k' }, { aspectRatio: '7:3' }]) {
      const error = await failure(sdk().models.generateContent({ model: 'gemini-3-pro-image', contents: 'x', config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig } }));
      expect(error?.status).toBe(400);
    }
  });

  it('serves a daily or free-tier quota 429 with QuotaFailure and RetryInfo', async () => {
    fake.enqueue({ kind: 'quota_exhausted', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' });
    const error = await failure(sdk().models.generateContent({ model: reasoning, contents: 'x' }));
    expect(error?.status).toBe(429);
    const details = JSON.parse(error!.message).error.details as Array<Record<string, unknown>>;
    expect(details[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [expect.objectContaining({ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' })] });
    expect(details.at(-1)).toMatchObject({ retryDelay: '17s' });
  });

  it('behind a gateway path, the plain SDK loses the path on uploads (as it does against a real gateway)', async () => {
    const gateway = await startFakeGemini({ apiKey: KEY, pathPrefix: '/tenant-7/gemini' });
    try {
      expect(gateway.baseUrl).toMatch(/\/tenant-7\/gemini$/);
      const plain = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: gateway.baseUrl, apiVersion: 'v1beta' } });
      await plain.models.get({ model: reasoning });
      const error = await failure(plain.files.upload({ file: new Blob(['%PDF-1.4\n%%EOF\n']), config: { mimeType: 'application/pdf' } }));
      expect(error?.status).toBe(404);
      expect(gateway.requests.map((r) => [r.operation, r.path.split('?')[0], r.status])).toEqual([
        ['getModel', '/tenant-7/gemini/v1beta/models/gemini-3.1-pro-preview', 200],
        ['uploadStart', '/tenant-7/gemini/upload/v1beta/files', 200],
        ['unknown', '/upload/v1beta/files', 404],
      ]);
    } finally {
      await gateway.close();
    }
  });
});
