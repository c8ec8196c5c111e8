import { GoogleGenAI } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';

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
    const res = await fetch(`${fake.baseUrl}/v1beta/models/gemini-3.1-pro-preview:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        contents: [{ role: 'user', parts: [{ text: 'audit' }, { inline_data: { mime_type: 'image/png', data: 'AAAA' } }] }],
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
