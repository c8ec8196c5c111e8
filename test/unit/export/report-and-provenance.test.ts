import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderReport, type ReportModel } from '../../../electron/core/export/report-html';
import { embedProvenance, readProvenance, stripProvenance, type Provenance } from '../../../electron/core/export/provenance';
import { manifestCsv } from '../../../electron/core/export/manifest';
import { ComplianceScore, type ManifestRow } from '../../../shared/schema';
import { testGuidelines } from '../../fixtures/images/generate';

const score = ComplianceScore.parse({
  overall_score: 61.5,
  approved: false,
  summary: 'Measured <b>from</b> pixels',
  categories: [
    {
      category: 'colors',
      score: 61.5,
      passed: false,
      violations: [
        { id: 'a', category: 'colors', source: 'pixel', severity: 'critical', description: 'Coral on Sky <script>alert(1)</script>', region: { x: 0.1, y: 0.2, w: 0.3, h: 0.1 }, evidence: { hex: '#FF6B4A', nearest_hex: '#6FB3E0', delta_e: 12.3 }, guideline_ref: { instruction: 'Never place Coral on Sky.', page: 5 } },
        { id: 'b', category: 'colors', source: 'model', severity: 'low', description: 'Slightly busy', status: 'dismissed', dismiss_reason: 'not_applicable', region: { x: 0.5, y: 0.5, w: 0.2, h: 0.2 } },
      ],
    },
  ],
  measured: {
    tolerances: { exact: 3, family: 10 },
    coverage: { exact: 0.8, family: 0.9, shaded: 0.02, off: 0.08 },
    role_shares: { measured: { neutral: 0.6, brand: 0.3, accent: 0.1, semantic: 0 }, target: { neutral: 0.6, brand: 0.3, accent: 0.1, semantic: 0 }, target_source: '60-30-10', deviation: 0 },
    clusters: [],
    off_palette_regions: [],
    // Evidence a later audit version adds: shown without the report knowing it.
    lighting: 'studio',
    text_regions: [{ box: { x: 0.1, y: 0.1, w: 0.2, h: 0.05 }, contrast: 2.1, label: 'SALE' }],
  },
});

const model = (overrides: Partial<ReportModel> = {}): ReportModel => ({
  item: {
    asset_id: 'asset-1',
    brand_id: 'b1',
    brand_name: 'Harbour',
    job_id: null,
    origin: 'imported',
    status: 'needs_review',
    stale: true,
    score: 61.5,
    audited_version: 1,
    current_version: 2,
    prompt: null,
    source_name: 'banner.png',
    mime: 'image/png',
    width: 10,
    height: 10,
    sha256: 'f'.repeat(64),
    cost: { tokens: 0, usd: 0 },
    created_at: '2026-01-01T00:00:00.000Z',
    image_url: 'mobius-asset://files/x.png',
    thumb_url: null,
  },
  score,
  brand: { brand_id: 'b1', name: 'Harbour', version: 1, current_version: 2, palette: testGuidelines().colors },
  image: { dataUri: 'data:image/png;base64,AAAA', width: 10, height: 10 },
  original: { file: 'banner.png', sha256: 'f'.repeat(64), width: 10, height: 10, mime: 'image/png' },
  decidedBy: 'audit',
  threshold: 80,
  events: [],
  lineage: [],
  generator: 'Mobius Desktop test',
  exportedAt: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

describe('the HTML report', () => {
  it('is self-contained, script-free and forbids network requests', () => {
    const html = renderReport(model());
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src="http|@import|url\(/i);
    expect(html).toContain('Coral on Sky &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Measured &lt;b&gt;from&lt;/b&gt; pixels');
  });

  it('draws open findings as numbered overlays and lists dismissals with reasons, the decision, the palette and new evidence', () => {
    const html = renderReport(model());
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toContain('class="pin" style="left:10.00%;top:20.00%');
    expect(html).toContain('dismissed — Not applicable here');
    expect(html).toContain('Guideline (p. 5): “Never place Coral on Sky.”');
    expect(html).toContain('below the approval threshold 80 and 1 critical finding is open');
    expect(html).toContain('The brand is now at version 2; this audit was measured against version 1.');
    for (const c of testGuidelines().colors) expect(html).toContain(c.hex);
    expect(html).toContain('<th>lighting</th><td>studio</td>');
    expect(html).toContain('SALE');
  });
});

const provenance: Provenance = {
  asset_id: 'asset-1',
  brand: 'Harbour & "Co"',
  brand_id: 'b1',
  brand_version: 3,
  score: 91.26,
  decision: 'approved',
  approved: true,
  report_sha256: 'a'.repeat(64),
  original_sha256: 'b'.repeat(64),
  exported_at: '2026-01-02T00:00:00.000Z',
  generator: 'Mobius Desktop test',
};

describe('provenance metadata', () => {
  it('inserts XMP into a PNG (iTXt) that libvips reads, and strips back to the exact original', async () => {
    const original = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0B5FA5' } }).png().toBuffer();
    const embedded = embedProvenance(original, provenance)!;
    expect(Buffer.from(stripProvenance(embedded)).equals(original)).toBe(true);
    expect(readProvenance(embedded)).toMatchObject({ brand: 'Harbour & "Co"', brand_version: '3', score: '91.3', approved: 'True' });
    const meta = await sharp(embedded).metadata();
    expect(meta.xmp?.toString()).toContain('mobius:report_sha256="' + 'a'.repeat(64));
    expect((await sharp(embedded).raw().toBuffer()).equals(await sharp(original).raw().toBuffer())).toBe(true);
    expect(readProvenance(original)).toBeNull();
  });

  it('leaves formats it does not embed into alone', async () => {
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0B5FA5' } }).webp().toBuffer();
    expect(embedProvenance(webp, provenance)).toBeNull();
  });
});

describe('manifest.csv', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas in user text', () => {
    const row = { file: 'a.png', status: 'approved', score: 91.234567891, version: 2, prompt: '=HYPERLINK("x"), "quoted"\nline', cost_usd: 0.0123, sha256: 'c'.repeat(64) } as unknown as ManifestRow;
    const [header, line] = manifestCsv([row]).split('\r\n');
    expect(header!.startsWith('file,status,score,version,prompt,cost_usd,sha256,')).toBe(true);
    expect(line!.startsWith(`a.png,approved,91.234568,2,"'=HYPERLINK(""x""), ""quoted""\nline",0.0123,${'c'.repeat(64)}`)).toBe(true);
  });
});
