import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPdf, type GuidelineModel, type IngestProgress } from '../../../electron/core/ingest';
import { openStore, type Store } from '../../../electron/core/store';
import { MobiusError, isMobiusError } from '../../../shared/errors';
import { encryptedPdf, generateBrandPdf, pathologicalPdf, zeroPagePdf, type FixtureSpec } from '../../fixtures/pdf/brand-pdf';

const spec: FixtureSpec = {
  colors: [
    { name: 'Ocean Blue', hex: '#0057B8', role: 'primary', notation: 'hex' },
    { name: 'Paper', hex: '#F5F5F5', role: 'neutral', notation: 'hex-bare' },
    { name: 'Sun', hex: '#FFC300', role: 'accent', notation: 'rgb-only' },
  ],
  fonts: [{ family: 'Lato', label: 'Primary font' }],
  dos: ['keep the logo on white'],
  donts: ['rotate the logo'],
  misuseColors: [],
  layout: 'grid',
  specimen: false,
  minLogoPx: 80,
};

async function filesOnDisk(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'files');
  const out: string[] = [];
  for (const dir of await readdir(root).catch(() => [])) {
    for (const f of await readdir(join(root, dir)).catch(() => [])) out.push(f);
  }
  return out;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isMobiusError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return (error as Error).message;
  }
  throw new Error(`expected ${code}`);
}

describe('ingestPdf', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mobius-ingest-'));
    store = openStore({ dataDir: dir });
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the PDF, brand, version and compressed twin, with progress per page', async () => {
    const { bytes } = await generateBrandPdf(spec);
    const file = join(dir, 'acme.pdf');
    await writeFile(file, bytes);
    const events: IngestProgress[] = [];
    const { brand, refined } = await ingestPdf({ store, filePath: file, offline: true, onProgress: (p) => events.push(p) });
    expect(refined).toBe(false);
    expect(brand.name).toBe('acme');
    expect(brand.guidelines.colors.map((c) => c.hex).sort()).toEqual(['#0057B8', '#F5F5F5', '#FFC300']);
    expect(brand.compressed_twin?.primary_colors).toEqual(['#0057B8']);
    expect(brand.compressed_twin?.font_families).toEqual(['Lato']);
    expect(brand.pdf_url).toBeTruthy();
    expect(store.brands.list()).toHaveLength(1);
    expect(store.brands.listVersions(brand.brand_id)).toHaveLength(1);
    expect(await filesOnDisk(dir)).toHaveLength(1);
    expect(events.filter((e) => e.stage === 'reading' && e.page !== undefined).map((e) => e.page)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)?.stage).toBe('done');
  });

  it('refines through the model seam and flags what the PDF never shows', async () => {
    const { bytes } = await generateBrandPdf(spec);
    const calls: unknown[] = [];
    const gemini: GuidelineModel = {
      async extractGuidelines(pdfBytes, context) {
        calls.push(context);
        expect(pdfBytes.length).toBe(bytes.length);
        return { colors: [{ name: 'Ghost', hex: '#ABC123', usage: 'secondary' }] };
      },
    };
    const { brand, refined } = await ingestPdf({ store, bytes, name: 'Acme', gemini });
    expect(refined).toBe(true);
    expect(calls[0]).toMatchObject({ filename: 'Acme.pdf', localEvidence: { page_count: 4 } });
    expect(brand.guidelines.colors.find((c) => c.hex === '#ABC123')?.verified).toBe(false);
    expect(brand.needs_review.some((n) => n.includes('#ABC123'))).toBe(true);
  });

  it('rejects bad inputs with their codes and leaves no brand or file behind', async () => {
    const { bytes } = await generateBrandPdf(spec);
    await expectCode(ingestPdf({ store, bytes: new TextEncoder().encode('PK\u0003\u0004 not a pdf'), offline: true }), 'INVALID_FILE_TYPE');
    await expectCode(ingestPdf({ store, bytes: bytes.subarray(0, Math.floor(bytes.length / 3)), offline: true }), 'INVALID_PDF');
    const encrypted = await expectCode(ingestPdf({ store, bytes: encryptedPdf(), offline: true }), 'PDF_ENCRYPTED');
    expect(encrypted).toMatch(/password/);
    await expectCode(ingestPdf({ store, bytes: await zeroPagePdf(), offline: true }), 'INVALID_PDF');
    await expectCode(ingestPdf({ store, bytes: new Uint8Array(50 * 1024 * 1024 + 1), offline: true }), 'FILE_TOO_LARGE');
    const renamed = join(dir, 'photo.pdf');
    await writeFile(renamed, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expectCode(ingestPdf({ store, filePath: renamed, offline: true }), 'INVALID_FILE_TYPE');
    const controller = new AbortController();
    controller.abort();
    await expectCode(ingestPdf({ store, bytes, offline: true, signal: controller.signal }), 'CANCELLED');
    expect(store.brands.list()).toHaveLength(0);
    expect(await filesOnDisk(dir)).toHaveLength(0);
    // The process keeps working after all of that.
    const { brand } = await ingestPdf({ store, bytes, offline: true });
    expect(brand.guidelines.colors).toHaveLength(3);
  });

  it('keeps the local twin when the model fails, and says so', async () => {
    const { bytes } = await generateBrandPdf(spec);
    const failing: GuidelineModel = {
      extractGuidelines: () => Promise.reject(new MobiusError('OFFLINE', 'Mobius cannot reach Gemini: you seem to be offline.')),
    };
    const { brand, refined, warnings } = await ingestPdf({ store, bytes, gemini: failing });
    expect(refined).toBe(false);
    expect(brand.guidelines.colors.map((c) => c.hex).sort()).toEqual(['#0057B8', '#F5F5F5', '#FFC300']);
    expect(warnings.join(' ')).toMatch(/could not refine .* offline/);
    expect(brand.needs_review.join(' ')).toMatch(/extracted locally/);
  });

  it('cancels a running import by terminating the worker', async () => {
    const { bytes } = await generateBrandPdf({ ...spec, extraPages: 60 });
    const controller = new AbortController();
    const run = ingestPdf({
      store,
      bytes,
      offline: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.page === 2) controller.abort();
      },
    });
    await expectCode(run, 'CANCELLED');
    expect(store.brands.list()).toHaveLength(0);
  });

  it('reads huge and pathological documents within their budgets', async () => {
    const big = await generateBrandPdf({ ...spec, extraPages: 496 });
    const { brand, warnings } = await ingestPdf({ store, bytes: big.bytes, offline: true, budget: { maxPages: 40 } });
    expect(warnings.some((w) => /first 40 of 500 pages/.test(w))).toBe(true);
    expect(brand.needs_review.some((w) => /page budget/.test(w))).toBe(true);
    const heavy = await pathologicalPdf(30_000);
    const result = await ingestPdf({ store, bytes: heavy, offline: true, budget: { maxOpsPerPage: 10_000 } });
    expect(result.warnings.some((w) => /unusually long drawing/.test(w))).toBe(true);
    expect(result.brand.needs_review).toContain('This PDF has no readable text (its text is outlined or scanned), so only painted colours could be read. Check the palette, and add typefaces and rules by hand.');
  });
});
