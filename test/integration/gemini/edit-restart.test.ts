import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { Settings } from '../../../shared/schema/settings';
import { deriveCompressedTwin } from '../../../shared/twin';
import { createLogger } from '../../../electron/core/log';
import { createGeminiClient, fileStoreImageSink, sessionSignatures, type GeminiClient } from '../../../electron/core/gemini';
import { openStore, type Store } from '../../../electron/core/store';
import { sha256Hex } from '../../../electron/core/store/file-store';
import { DEFAULT_GUIDELINES, startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';
import { SENTINEL_KEY, tempDir } from './helpers';

let fake: FakeGemini;
const guidelines = BrandGuidelines.parse(DEFAULT_GUIDELINES);
const twin = deriveCompressedTwin(guidelines);

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: SENTINEL_KEY, imageScale: 1 / 16 });
});
afterAll(async () => fake.close());

/** What the app does at start-up: open the library, build a client from settings + key. */
function boot(dataDir: string): { store: Store; client: GeminiClient; close: () => void } {
  const store = openStore({ dataDir });
  const logger = createLogger({ dir: path.join(dataDir, 'logs') });
  const settings = Settings.parse({ gemini_base_url: fake.baseUrl });
  const client = createGeminiClient({ settings, apiKey: SENTINEL_KEY, logger, images: fileStoreImageSink(store.files), sleep: async () => {} });
  return { store, client, close: () => (logger.close(), store.close()) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('edit chains survive a restart; the key never leaks', () => {
  it('replays the stored thought signatures after the client is re-created from the database, and leaves no key on disk', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // Session 1: ingest, generate, persist the chat in the job's state, quit.
      let app = boot(dir);
      const pdf = Buffer.from('%PDF-1.7\n% guideline\n');
      const extracted = await app.client.extractGuidelines(pdf, { filename: 'brand.pdf' });
      const brand = app.store.brands.create({ name: 'Acme', guidelines: extracted, compressed_twin: deriveCompressedTwin(extracted) });
      const first = await app.client.generateImage('A launch poster', twin, { aspect_ratio: '1:1', brandId: brand.brand_id });
      expect(app.store.files.has(first.sha256, 'png')).toBe(true);
      const job = app.store.jobs.create({ brand_id: brand.brand_id, status: 'generating', state: { edit_session: first.session, image_uri: first.image_uri } });
      const { audit } = await app.client.auditImage({ bytes: first.bytes, mime: first.mime }, guidelines, { brandId: brand.brand_id });
      expect(audit.errors).toEqual([]);
      const signatures = sessionSignatures(first.session);
      expect(signatures.length).toBeGreaterThan(0);
      app.close();

      // Session 2: a fresh process would only have the database.
      app = boot(dir);
      const restored = app.store.jobs.require(job.job_id).state['edit_session'];
      fake.reset();
      const edited = await app.client.editImage(restored, 'Make the background warmer', { brandId: brand.brand_id });
      expect(fake.requests.map((r) => r.model)).toEqual(['gemini-3-pro-image']);
      const sent = fake.requests[0]!.body.contents!;
      expect(sent.map((c) => c.role)).toEqual(['user', 'model', 'user']);
      const replayed = sent[1]!.parts!.map((p) => p.thoughtSignature).filter(Boolean);
      expect(replayed).toEqual(signatures);
      expect(sent[2]!.parts!.at(-1)!.text).toBe('Make the background warmer');
      expect(edited.session.turns).toBe(2);
      expect(edited.session.history).toHaveLength(4);
      const meta = await sharp(edited.bytes).metadata();
      expect(meta.format).toBe('png');
      app.store.jobs.update(job.job_id, { state: { edit_session: edited.session } });

      // A session rebuilt without signatures is refused by the API (as the real one does).
      const stripped = { ...first.session, history: first.session.history.map((c) => ({ ...c, parts: c.parts.map(({ thoughtSignature: _s, ...p }) => p) })) };
      await expect(app.client.editImage(stripped, 'again')).rejects.toMatchObject({ code: 'GEMINI_INVALID_REQUEST' });
      app.close();

      const logs = filesUnder(path.join(dir, 'logs'));
      expect(logs.length).toBeGreaterThan(0);
      const logText = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
      expect(logText).toContain('"operation_type":"image_edit"');
      expect(logText).not.toMatch(/iVBORw0KGgo/); // no PNG bytes in logs
      for (const file of filesUnder(dir)) {
        expect(readFileSync(file).includes(Buffer.from(SENTINEL_KEY)), file).toBe(false);
      }
    } finally {
      cleanup();
    }
  });

  it('a version-1 session stored before issue 12 (the SDK chat history with base64 images) is still edited, and written back compact', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const app = boot(dir);
      // What the client used to store: chat.getHistory() verbatim, images and thought parts included.
      const sdk = new GoogleGenAI({ apiKey: SENTINEL_KEY, vertexai: false, httpOptions: { baseUrl: fake.baseUrl, apiVersion: 'v1beta' } });
      const config = { systemInstruction: 'twin', responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '1:1', imageSize: '1K' } };
      const chat = sdk.chats.create({ model: 'gemini-3-pro-image', config });
      await chat.sendMessage({ message: 'A launch poster' });
      const legacy = { version: 1, model: 'gemini-3-pro-image', system_instruction: 'twin', image_config: { aspect_ratio: '1:1', image_size: '1K' }, history: chat.getHistory(), turns: 1 };
      const legacyImage = legacy.history[1]!.parts!.find((p) => p.inlineData && !p.thought)!.inlineData!.data!;
      fake.reset();
      const edited = await app.client.editImage(JSON.parse(JSON.stringify(legacy)), 'Make it warmer');
      expect(fake.requests.map((r) => r.status)).toEqual([200]);
      const sent = fake.requests[0]!.body.contents!;
      expect(sent[1]!.parts!.find((p) => p.inlineData)!.inlineData!.data).toBe(legacyImage);
      expect(edited.session.version).toBe(2);
      const stored = JSON.stringify(edited.session);
      expect(stored).not.toContain('inlineData');
      expect(stored).not.toContain(legacyImage.slice(0, 64));
      expect(edited.session.history[1]!.parts.find((p) => p['imageRef'])).toMatchObject({ imageRef: { sha256: sha256Hex(Buffer.from(legacyImage, 'base64')), mime: 'image/png' } });
      app.close();
    } finally {
      cleanup();
    }
  });
});
