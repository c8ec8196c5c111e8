import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'electron-vite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askWorker } from '../../support/workers';
import { DEFAULT_BUDGET } from '../../../electron/core/ingest/pdf-evidence';
import { generateBrandPdf } from '../../fixtures/pdf/brand-pdf';
import { testGuidelines } from '../../fixtures/images/generate';

// The workers the app ships are separate bundles; tests elsewhere run them from source
// through tsx. This builds the app once and runs the built workers, so a bundling
// problem (a missing chunk, a clashing shim) fails here rather than on a designer's machine.
const root = path.resolve(import.meta.dirname, '../../..');
let outDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mobius-build-'));
  // Externals resolve from node_modules beside the bundle, as in the packaged app.
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  outDir = path.join(dir, 'out');
  await build({ root, configFile: path.join(root, 'electron.vite.config.ts'), logLevel: 'silent', build: { outDir } } as never);
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(path.dirname(outDir), { recursive: true, force: true });
});


describe('the built app', () => {
  it('emits the workers beside the main bundle and the preload as CommonJS', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(outDir, 'main'))).toEqual(expect.arrayContaining(['index.js', 'audit.worker.js', 'evidence.worker.js', 'image.worker.js']));
    expect(readdirSync(path.join(outDir, 'preload'))).toContain('index.cjs');
  });

  it('runs the bundled audit worker, OCR included', async () => {
    const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0B5FA5' } }).png().toBuffer();
    const reply = await askWorker<{ ok: boolean; value?: { coverage: { exact: number } }; error?: unknown }>(
      path.join(outDir, 'main', 'audit.worker.js'),
      { id: 1, bytes: new Uint8Array(bytes), guidelines: testGuidelines(), options: { ocr: true } },
      () => true,
    );
    expect(reply.error).toBeUndefined();
    expect(reply.ok).toBe(true);
    expect(reply.value?.coverage.exact).toBe(1);
  });

  it('runs the bundled PDF evidence worker', async () => {
    const { bytes, truth } = await generateBrandPdf({
      colors: [{ name: 'Ocean', hex: '#0B5FA5', role: 'primary', notation: 'hex' }],
      fonts: [{ family: 'Inter', label: 'Primary font' }],
      dos: [],
      donts: [],
      misuseColors: [],
      layout: 'grid',
      specimen: false,
      minLogoPx: 0,
    });
    const reply = await askWorker<{ type: string; run?: { extraction: { guidelines: { colors: { hex: string }[] } } }; message?: string }>(
      path.join(outDir, 'main', 'evidence.worker.js'),
      { bytes, budget: DEFAULT_BUDGET, filename: 'fixture.pdf', now: new Date(0).toISOString() },
      (m) => m.type !== 'page',
    );
    expect(reply.message).toBeUndefined();
    expect(reply.type).toBe('done');
    expect(reply.run?.extraction.guidelines.colors.map((c) => c.hex)).toEqual(truth.palette.map((c) => c.hex));
  });

  it('runs the bundled image worker (library thumbnails)', async () => {
    const file = path.join(path.dirname(outDir), 'source.png');
    writeFileSync(file, await sharp({ create: { width: 900, height: 600, channels: 3, background: '#0B5FA5' } }).png().toBuffer());
    const reply = await askWorker<{ ok: boolean; mime?: string; width?: number; height?: number; bytes?: Uint8Array }>(
      path.join(outDir, 'main', 'image.worker.js'),
      { id: 1, kind: 'thumbnail', path: file, size: 320 }, () => true);
    expect(reply).toMatchObject({ ok: true, mime: 'image/webp', width: 320, height: 213 });
    expect((await sharp(Buffer.from(reply.bytes!)).metadata()).format).toBe('webp');
  });
});
