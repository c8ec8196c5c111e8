import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocalExtraction, stopEvidenceWorker } from '../../../electron/core/ingest/collect-evidence';
import { ingestPdf } from '../../../electron/core/ingest';
import { openStore, parseFileUri, type Store } from '../../../electron/core/store';
import { logoFiles, logoVariant } from '../../../shared/logos';
import { DEFAULT_SEED, generateCorpusDocument } from '../../fixtures/pdf/corpus';
import { scoreLogos } from '../../support/logo-score';

// Generated guidelines whose logo boxes are known: vector and embedded-PNG logos, beside and
// stacked layouts, a one-page poster, raster colour pages, several languages. `npm run
// eval:ingest` measures the whole corpus.
const WITH_LOGO = [0, 2, 4, 7, 11, 22];
const WITHOUT_LOGO = 1;

describe('logo files from the PDF (offline, generated corpus)', () => {
  let dir: string;
  let store: Store;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mobius-logos-'));
    store = openStore({ dataDir: dir });
  });

  afterAll(async () => {
    store?.close();
    await stopEvidenceWorker();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the logo as brand files whose crop matches the drawn logo (IoU ≥ 0.8), per variant, for review', async () => {
    for (const index of WITH_LOGO) {
      const doc = await generateCorpusDocument(DEFAULT_SEED, index);
      expect(doc.spec.logo, doc.spec.id).toBeTruthy();
      const { brand } = await ingestPdf({ store, bytes: doc.bytes, name: doc.spec.brand, offline: true, budget: { ocrPages: 0 } });
      const files = logoFiles(brand.guidelines);
      const found = files.map((l) => ({ page: l.provenance[0]!.page, box: l.provenance[0]!.bbox!, variant: logoVariant(l) }));
      const score = scoreLogos(doc.truth.logos, found);
      expect(score.primaryIou, `${doc.spec.id} primary`).toBeGreaterThanOrEqual(0.8);
      for (const v of score.variants) expect(v.found, `${doc.spec.id} ${v.variant}`).toBe(true);
      for (const logo of files) {
        // A PNG in the library, recorded in the files table, waiting for a designer's look.
        const file = parseFileUri(logo.url)!;
        expect(file.ext).toBe('png');
        expect(store.fileRecords.get(file.sha256)?.mime).toBe('image/png');
        const meta = await sharp(await store.files.read(file.sha256, file.ext)).metadata();
        expect(meta.format).toBe('png');
        expect(logo.verified).toBe(false);
        expect(logo.provenance[0]!.source).toBe(doc.spec.logo!.kind);
      }
      // The twin points at the files in use, primary first; the review list says what to check.
      expect(brand.compressed_twin?.logo_files[0]).toEqual({ variant: 'primary', url: files.find((l) => logoVariant(l) === 'primary')!.url });
      expect(brand.needs_review.some((n) => /logo file/.test(n) && /Logo section/.test(n))).toBe(true);
      // Logo rules read from the text (the English wording here) travel with every file.
      if (doc.spec.language === 'en') for (const logo of files) expect(logo.clear_space_ratio).toBe(0.5);
    }
  }, 120_000);

  it('says so when a PDF shows no logo, and the twin names no logo file', async () => {
    const doc = await generateCorpusDocument(DEFAULT_SEED, WITHOUT_LOGO);
    expect(doc.spec.logo).toBeNull();
    const { brand } = await ingestPdf({ store, bytes: doc.bytes, name: doc.spec.brand, offline: true, budget: { ocrPages: 0 } });
    expect(logoFiles(brand.guidelines)).toEqual([]);
    expect(brand.compressed_twin?.logo_files).toEqual([]);
    expect(brand.needs_review.some((n) => n.startsWith('No logo was found in this PDF'))).toBe(true);
  }, 60_000);

  it('renders no logo candidate when the budget allows none (the rest of the twin is the same)', async () => {
    const doc = await generateCorpusDocument(DEFAULT_SEED, WITH_LOGO[0]!);
    const withLogos = await runLocalExtraction(doc.bytes, { budget: { ocrPages: 0 } });
    const without = await runLocalExtraction(doc.bytes, { budget: { ocrPages: 0, logoCandidates: 0 } });
    expect(withLogos.logos.length).toBeGreaterThan(0);
    expect(without.logos).toEqual([]);
    expect(without.extraction.guidelines.colors).toEqual(withLogos.extraction.guidelines.colors);
  }, 60_000);
});
