import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyseDecoded, analyseImage } from '../../../electron/core/audit/analyse';
import type { DecodedImage } from '../../../electron/core/audit/decode';
import { buildPixelScore } from '../../../electron/core/audit/score';
import { deltaE2000, hexToLab } from '../../../shared/color';
import { driftedHex } from '../../fixtures/audit-corpus/scenes';
import { CORPUS_BRANDS } from '../../fixtures/audit-corpus/brands';
import { Canvas, rng } from '../../fixtures/audit-corpus/render';
import { PALETTE, onBrandBlocks, paintBlocks, png, shaded, testGuidelines, type RawImage } from '../../fixtures/images/generate';

const guidelines = testGuidelines();

function decoded(raw: RawImage): DecodedImage {
  return {
    width: raw.width,
    height: raw.height,
    data: raw.data,
    transparent_share: 0,
    checkerboard: { detected: false, share: 0, cell_px: null, colors: [] },
    source: { format: 'png', mime: 'image/png', width: raw.width, height: raw.height, channels: 3, bit_depth: 8, color_space: 'srgb', has_icc_profile: false, cmyk: false, exif_orientation: 1, has_alpha: false, pages: 1 },
  };
}

describe('content regime and palette drift', () => {
  it('judges flat artwork exactly: a whole palette shifted by ΔE00 ≈ 6 is drift, named with both colours, and blocks approval', async () => {
    const rand = rng(7);
    const shift = (hex: string) => driftedHex(hex, 6, rand).hex;
    const raw = paintBlocks(400, 400, shift(PALETTE.paper), onBrandBlocks().map((b) => ({ ...b, hex: shift(b.hex) })));
    const measured = await analyseDecoded(decoded(raw), guidelines);
    expect(measured.regime.kind).toBe('flat');
    expect(measured.drift_share).toBeGreaterThan(0.95);
    const ocean = measured.drift.find((d) => d.name === 'Ocean')!;
    expect(ocean.hex).toBe(PALETTE.ocean);
    expect(Math.abs(ocean.delta_e - deltaE2000(hexToLab(ocean.rendered), hexToLab(PALETTE.ocean)))).toBeLessThan(0.2);
    expect(ocean.box).toMatchObject({ x: 0, y: 0.7, w: 1 });
    const score = buildPixelScore(measured, guidelines);
    expect(score.approved).toBe(false);
    expect(score.blocking?.map((b) => b.code)).toContain('palette_drift');
    const finding = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:drift') && v.evidence?.['nearest'] === 'Ocean')!;
    expect(finding.description).toMatch(/^Ocean is rendered as #[0-9A-F]{6}, ΔE00 \d\.\d off #0B5FA5/);
    expect(finding.evidence).toMatchObject({ kind: 'palette_drift', nearest_hex: PALETTE.ocean, hex: ocean.rendered });
  });

  it('lets exact colours through, and a JPEG (q85) of the same artwork is judged like its PNG', async () => {
    const raw = paintBlocks(512, 512, PALETTE.paper, onBrandBlocks());
    const asPng = await png(raw);
    const asJpeg = await sharp(raw.data, { raw: { width: 512, height: 512, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    for (const bytes of [asPng, asJpeg]) {
      const measured = await analyseImage(bytes, guidelines);
      const score = buildPixelScore(measured, guidelines);
      expect(measured.regime.kind).toBe('flat');
      expect(measured.drift).toEqual([]);
      expect(score.categories.flatMap((c) => c.violations)).toEqual([]);
      expect(score.approved).toBe(true);
    }
  });

  it('allows shading on photographic content and says so', async () => {
    const raw = shaded(400, 400, PALETTE.ocean, 14, 6, 3);
    const measured = await analyseDecoded(decoded(raw), guidelines);
    expect(measured.regime.kind).toBe('photographic');
    expect(measured.drift).toEqual([]);
    const score = buildPixelScore(measured, guidelines);
    expect(score.summary).toMatch(/^Photographic content: judged with the family tolerance/);
    expect(score.blocking ?? []).toEqual([]);
  });

  it('an accent used as the background beyond the stated margin blocks approval, with the margin in the report', async () => {
    const raw = paintBlocks(400, 400, PALETTE.coral, [{ hex: PALETTE.ocean, box: { x: 0, y: 0.75, w: 1, h: 0.25 } }]);
    const score = buildPixelScore(await analyseDecoded(decoded(raw), guidelines), guidelines);
    const finding = score.categories[0]!.violations.find((v) => v.id === 'pixel:accent-background')!;
    expect(finding.severity).toBe('high');
    expect(finding.description).toMatch(/its target is 10\.0 % and the margin 15\.0 %/);
    expect(score.blocking?.map((b) => b.code)).toEqual(['accent_background']);
    expect(score.approved).toBe(false);
  });

  it('photographic texture is never taken for unreadable text that blocks approval (shapes in a picture are not letters)', async () => {
    const rand = rng(11);
    for (let i = 0; i < 8; i++) {
      const brand = CORPUS_BRANDS[i % CORPUS_BRANDS.length]!;
      const colours = Object.values(brand.colors).map((c) => c.hex);
      const canvas = new Canvas(512, 512, colours[0]!);
      canvas.photo({ x: 0, y: 0, w: 512, h: 512 }, { colors: [colours[i % colours.length]!, colours[(i + 2) % colours.length]!], swing: [12, 35, 50][i % 3]!, grain: [0, 4, 10][i % 3]! }, Math.floor(rand() * 1e9));
      const measured = await analyseDecoded(decoded({ width: 512, height: 512, data: canvas.data }), brand.guidelines);
      expect(measured.text.regions.filter((r) => r.background_kind === 'flat')).toEqual([]);
      expect(buildPixelScore(measured, brand.guidelines).blocking?.filter((b) => b.code === 'text_contrast') ?? []).toEqual([]);
    }
  });

  it('a gradient between two brand colours is shading, while a flat fill in its muddy middle colour is off-palette', async () => {
    const gradient = `<linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="${PALETTE.ocean}"/><stop offset="1" stop-color="${PALETTE.coral}"/></linearGradient>`;
    const page = (fill: string) =>
      sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs>${gradient}</defs><rect width="512" height="512" fill="${PALETTE.paper}"/><rect width="512" height="160" fill="${fill}"/></svg>`)).png().toBuffer();
    const shadedBand = buildPixelScore(await analyseImage(await page('url(#g)'), guidelines), guidelines);
    expect(shadedBand.blocking ?? []).toEqual([]);
    expect(shadedBand.approved).toBe(true);
    const muddy = buildPixelScore(await analyseImage(await page('#85667A'), guidelines), guidelines);
    expect(muddy.blocking?.map((b) => b.code)).toContain('off_palette_area');
    expect(muddy.approved).toBe(false);
  });
});
