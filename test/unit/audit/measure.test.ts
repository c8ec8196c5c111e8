import { describe, expect, it } from 'vitest';
import { measurePixels } from '../../../electron/core/audit/measure';
import { paletteOf, targetShares } from '../../../electron/core/audit/palette';
import { OFF_GREEN, PALETTE, iou, onBrand, paintBlocks, shaded, testGuidelines, withOffPaletteBlock } from '../../fixtures/images/generate';

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
