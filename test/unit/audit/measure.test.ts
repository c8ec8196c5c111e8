import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measurePixels } from '../../../electron/core/audit/measure';
import { paletteOf, targetShares } from '../../../electron/core/audit/palette';
import { hexToRgb } from '../../../shared/color';
import { OFF_GREEN, PALETTE, iou, onBrand, paintBlocks, shaded, testGuidelines, withOffPaletteBlock, type RawImage } from '../../fixtures/images/generate';

const palette = paletteOf(testGuidelines());

describe('measurePixels', () => {
  it('measures exact role shares of an on-brand composition (±1 pp) and finds nothing off-palette', () => {
    const m = measurePixels(onBrand(), palette);
    expect(m.coverage.exact).toBe(1);
    expect(m.coverage.off).toBe(0);
    expect(m.role_shares.measured.neutral).toBeCloseTo(0.6, 2);
    expect(m.role_shares.measured.brand).toBeCloseTo(0.3, 2);
    expect(m.role_shares.measured.accent).toBeCloseTo(0.1, 2);
    expect(m.role_shares.target_source).toBe('60-30-10');
    expect(m.role_shares.deviation).toBeLessThan(0.01);
    expect(m.off_palette_regions).toEqual([]);
    const paper = m.colors.find((c) => c.name === 'Paper')!;
    expect(Math.abs(paper.share_exact - 0.6)).toBeLessThanOrEqual(0.01);
    expect(m.clusters[0]).toMatchObject({ hex: PALETTE.paper, nearest: 'Paper' });
  });

  it('reports an off-palette block with its region (IoU ≥ 0.7) and its share (±1 pp)', () => {
    const { raw, box } = withOffPaletteBlock(400, 400);
    const m = measurePixels(raw, palette);
    expect(Math.abs(m.coverage.off - 0.15)).toBeLessThanOrEqual(0.01);
    expect(m.off_palette_regions).toHaveLength(1);
    const region = m.off_palette_regions[0]!;
    expect(iou(region.box, box)).toBeGreaterThanOrEqual(0.7);
    expect(region.hex).toBe(OFF_GREEN);
    expect(Math.abs(region.share - 0.15)).toBeLessThanOrEqual(0.01);
  });

  it('finds small blocks at unaligned positions with IoU ≥ 0.7', () => {
    const boxes = [
      { x: 0.013, y: 0.051, w: 0.12, h: 0.1 },
      { x: 0.7, y: 0.77, w: 0.2, h: 0.13 },
    ];
    const raw = paintBlocks(523, 389, PALETTE.paper, boxes.map((box) => ({ hex: OFF_GREEN, box })));
    const m = measurePixels(raw, palette);
    expect(m.off_palette_regions).toHaveLength(2);
    for (const box of boxes) {
      const best = Math.max(...m.off_palette_regions.map((r) => iou(r.box, box)));
      expect(best).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('counts shading within the family tolerance as on-palette and stronger shading as off-palette', () => {
    const mild = measurePixels(shaded(200, 200, PALETTE.ocean, 6, 4), palette);
    expect(mild.coverage.family).toBeGreaterThan(0.99);
    expect(mild.coverage.off).toBeLessThan(0.01);
    const strong = measurePixels(shaded(200, 200, PALETTE.ocean, 90, 10), palette);
    expect(strong.coverage.off).toBeGreaterThan(0.3);
  });

  it('detects the accent used as a background', () => {
    const raw = paintBlocks(300, 300, PALETTE.coral, [{ hex: PALETTE.paper, box: { x: 0.3, y: 0.3, w: 0.4, h: 0.4 } }]);
    const m = measurePixels(raw, palette);
    expect(m.accent_background).toMatchObject({ detected: true, color: 'Coral' });
    expect(m.role_shares.deviation).toBeGreaterThan(0.4);
    expect(measurePixels(onBrand(), palette).accent_background.detected).toBe(false);
  });

  // Thin strokes lose their colour to JPEG's half-resolution chroma and their edges are mixes:
  // counting only pixels within a colour's family undercounts them by a quarter or more.
  it('counts thin anti-aliased strokes by their painted area (PNG within 0.25 pp, JPEG q85 within 0.6 pp), and a foreign block not at all', async () => {
    const size = 384;
    const { raw, paperArea } = thinStrokes(size, PALETTE.coral, PALETTE.paper);
    const truth = paperArea / (size * size);
    expect(truth).toBeGreaterThan(0.1);
    const encoded = { png: await sharp(raw.data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer(), jpeg: await sharp(raw.data, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 85 }).toBuffer() };
    for (const [format, bytes, within] of [['png', encoded.png, 0.0025], ['jpeg', encoded.jpeg, 0.006]] as const) {
      const m = measurePixels({ width: size, height: size, data: await sharp(bytes).raw().toBuffer() }, palette);
      expect(Math.abs(m.role_shares.measured.neutral - truth), format).toBeLessThanOrEqual(within);
      // No colour that is not in the image gets a share (Ocean and Sky explain no edge here).
      expect(m.role_shares.measured.brand, format).toBe(0);
      // What the family alone sees: the strokes' loss that counting mixed pixels makes good.
      expect(m.colors.find((c) => c.name === 'Paper')!.share_family, format).toBeLessThan(truth * 0.7);
    }

    // A foreign block across Paper and Ocean, its edges smeared by JPEG: its area stays out of the role shares.
    const block = paintBlocks(400, 400, PALETTE.paper, [
      { hex: PALETTE.ocean, box: { x: 0, y: 0.5, w: 1, h: 0.5 } },
      { hex: OFF_GREEN, box: { x: 0.3, y: 0.3, w: 0.4, h: 0.4 } },
    ]);
    const blockJpeg = await sharp(block.data, { raw: { width: 400, height: 400, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    const withBlock = measurePixels({ width: 400, height: 400, data: await sharp(blockJpeg).raw().toBuffer() }, palette);
    expect(withBlock.coverage.off).toBeGreaterThan(0.15);
    // Paper and Ocean each keep 0.5 × 160000 − 16000 pixels: equal shares.
    expect(Math.abs(withBlock.role_shares.measured.neutral - 0.5)).toBeLessThanOrEqual(0.003);
  });

  it('keeps colour maths per bin: a noisy image has far fewer bins than pixels', () => {
    const m = measurePixels(shaded(512, 512, PALETTE.sky, 40, 60, 7), palette);
    expect(m.distinct_bins).toBeLessThanOrEqual(65_536);
    expect(m.distinct_bins).toBeLessThan(512 * 512);
  });
});

describe('targetShares', () => {
  it('uses usage weights when the brand has them', () => {
    const g = testGuidelines();
    g.colors[0]!.usage_weight = 0.5;
    g.colors[2]!.usage_weight = 0.4;
    g.colors[4]!.usage_weight = 0.1;
    const t = targetShares(paletteOf(g));
    expect(t.source).toBe('usage_weights');
    expect(t.shares.neutral).toBeCloseTo(0.5, 6);
    expect(t.shares.brand).toBeCloseTo(0.4, 6);
  });

  it('renormalises 60-30-10 over the roles the palette has', () => {
    const g = testGuidelines({ colors: testGuidelines().colors.filter((c) => c.usage !== 'accent') });
    const t = targetShares(paletteOf(g));
    expect(t.shares.accent).toBe(0);
    expect(t.shares.neutral).toBeCloseTo(2 / 3, 6);
  });
});

/** Slanted strokes 1.2–2.4 px wide, anti-aliased by 4×4 supersampling; returns the exact painted area of the strokes. */
function thinStrokes(size: number, background: string, stroke: string): { raw: RawImage; paperArea: number } {
  const bg = hexToRgb(background);
  const fg = hexToRgb(stroke);
  const data = Buffer.alloc(size * size * 3);
  let paperArea = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const u = x + (sx + 0.5) / 4;
          const v = y + (sy + 0.5) / 4;
          // Strokes every 14 px along a slope of 1:5, their width growing down the image.
          const across = (u - v / 5) % 14;
          if (across >= 0 && across < 1.2 + (1.2 * v) / size) inside++;
        }
      }
      const a = inside / 16;
      paperArea += a;
      const i = (y * size + x) * 3;
      data[i] = Math.round(bg.r * (1 - a) + fg.r * a);
      data[i + 1] = Math.round(bg.g * (1 - a) + fg.g * a);
      data[i + 2] = Math.round(bg.b * (1 - a) + fg.b * a);
    }
  }
  return { raw: { width: size, height: size, data }, paperArea };
}
