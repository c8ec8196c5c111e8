import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPdf, type IngestProgress } from '../../../electron/core/ingest';
import { openStore, type Store } from '../../../electron/core/store';
import { buildGuidelinePdf, type CorpusSpec } from '../../fixtures/pdf/corpus/document';

// Every glyph of this PDF is a filled path (no text layer): the worker renders the pages and
// reads them with OCR, offline. One small document keeps the suite fast.
const spec: CorpusSpec = {
  id: 'outlined',
  file: 'outlined.pdf',
  language: 'en',
  brand: 'Kestrel',
  title: null,
  coverBrand: true,
  colors: [
    { name: 'Harbour Blue', hex: '#1F4E79', role: 'primary', notation: 'hex' },
    { name: 'Signal Coral', hex: '#FF6B4A', role: 'accent', notation: 'hex' },
    { name: 'Paper', hex: '#F4F1EA', role: 'neutral', notation: 'hex' },
  ],
  roleStyle: 'groups',
  arrangement: 'row',
  namePosition: 'below',
  gradients: [],
  fonts: [{ family: 'Montserrat', style: 'label' }],
  text: 'outlined',
  rasterColours: false,
  poster: false,
  misuse: [],
  extraPages: 0,
};

describe('a PDF whose text is all outlines', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mobius-outlined-'));
    store = openStore({ dataDir: dir });
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('yields its swatches, their hex values, names, roles and typeface offline, with progress per page', async () => {
    const { bytes } = await buildGuidelinePdf(spec, (items) => items[0]!);
    const events: IngestProgress[] = [];
    // ~175 dpi is enough for 8 pt captions and keeps the suite light.
    const { brand, warnings } = await ingestPdf({ store, bytes, offline: true, budget: { ocrMaxPixels: 2_500_000 }, onProgress: (p) => events.push(p) });
    expect(warnings.join(' ')).not.toMatch(/no readable text/);
    const colors = new Map(brand.guidelines.colors.map((c) => [c.hex, c]));
    expect([...colors.keys()].sort()).toEqual(['#1F4E79', '#F4F1EA', '#FF6B4A']);
    expect(colors.get('#1F4E79')).toMatchObject({ name: 'Harbour Blue', usage: 'primary' });
    expect(colors.get('#FF6B4A')).toMatchObject({ name: 'Signal Coral', usage: 'accent' });
    expect(colors.get('#1F4E79')!.provenance.some((p) => p.source === 'raster')).toBe(true);
    expect(brand.guidelines.typography.map((t) => t.family)).toContain('Montserrat');
    expect(brand.name).toBe('Kestrel');
    expect(events.filter((e) => e.stage === 'reading' && e.page !== undefined).map((e) => e.page)).toEqual([1, 2, 3, 4]);
  }, 90_000);
});
