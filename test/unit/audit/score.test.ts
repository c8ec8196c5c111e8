import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseDecoded } from '../../../electron/core/audit/analyse';
import type { DecodedImage } from '../../../electron/core/audit/decode';
import { detectCheckerboard } from '../../../electron/core/audit/checkerboard';
import { measurePixels } from '../../../electron/core/audit/measure';
import { paletteOf } from '../../../electron/core/audit/palette';
import { dismissFinding } from '../../../electron/core/audit/merge';
import { buildPixelScore, colorsScore, contrastScore } from '../../../electron/core/audit/score';
import type { TextContrast } from '../../../electron/core/audit/types';
import { hexToRgb } from '../../../shared/color';
import { OFF_GREEN, PALETTE, checkerboard, iou, onBrand, paintBlocks, testGuidelines, withOffPaletteBlock, type RawImage } from '../../fixtures/images/generate';

const guidelines = testGuidelines();
const palette = paletteOf(guidelines);

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

describe('buildPixelScore', () => {
  it('approves a perfectly on-brand composition with no findings, as a partial score', async () => {
    const score = buildPixelScore(await analyseDecoded(decoded(onBrand()), guidelines), guidelines, { brandVersion: 2 });
    expect(score.categories.map((c) => c.category)).toEqual(['colors']);
    expect(score.categories[0]!.violations).toEqual([]);
    expect(score.overall_score).toBe(100);
    expect(score.approved).toBe(true);
    expect(score.partial).toBe(true);
    expect(score.brand_version).toBe(2);
    expect(score.measured).toMatchObject({ coverage: { exact: 1, off: 0 } });
  });

  it('cites a palette rule for off-palette colour, never an unrelated colour rule', async () => {
    const unrelated = testGuidelines({
      rules: [{ category: 'visual', instruction: 'Never use accent colours for backgrounds', severity: 'critical', negative_constraint: true, provenance: [] }],
    });
    const { raw } = withOffPaletteBlock();
    const score = buildPixelScore(await analyseDecoded(decoded(raw), unrelated), unrelated);
    const finding = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:off-palette'))!;
    expect(finding.guideline_ref?.instruction).toMatch(/^Use the brand palette: Paper #F4F1EA/);
  });

  it('rejects a composition with a 15 % off-palette block and reports its region', async () => {
    const { raw, box } = withOffPaletteBlock();
    const score = buildPixelScore(await analyseDecoded(decoded(raw), guidelines), guidelines);
    expect(score.approved).toBe(false);
    expect(score.overall_score).toBeLessThan(80);
    const finding = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:off-palette'))!;
    expect(finding).toMatchObject({ source: 'pixel', category: 'colors', severity: 'critical' });
    expect(iou(finding.region!, box)).toBeGreaterThanOrEqual(0.7);
    expect(finding.evidence).toMatchObject({ hex: OFF_GREEN });
    expect(finding.guideline_ref).toMatchObject({ instruction: 'Use only the colours of the brand palette.', page: 4 });
  });

  it('reports a forbidden colour pair as critical, which blocks approval', async () => {
    const raw = paintBlocks(400, 400, PALETTE.paper, [
      { hex: PALETTE.sky, box: { x: 0, y: 0.6, w: 1, h: 0.3 } },
      { hex: PALETTE.coral, box: { x: 0.3, y: 0.65, w: 0.4, h: 0.2 } },
    ]);
    const score = buildPixelScore(await analyseDecoded(decoded(raw), guidelines), guidelines);
    const pair = score.categories[0]!.violations.find((v) => v.id.startsWith('pixel:forbidden-pair'))!;
    expect(pair).toMatchObject({ severity: 'critical', guideline_ref: { instruction: 'Never place Coral on Sky.', page: 5 } });
    expect(iou(pair.region!, { x: 0.3, y: 0.65, w: 0.4, h: 0.2 })).toBeGreaterThan(0.5);
    expect(score.approved).toBe(false);
  });

  it('reports a painted checkerboard background as a finding', async () => {
    const raw = checkerboard(256, 256, 16, { hex: PALETTE.ocean, box: { x: 0.3, y: 0.3, w: 0.4, h: 0.4 } });
    const image = decoded(raw);
    image.checkerboard = detectCheckerboard(raw.data, raw.width, raw.height);
    const score = buildPixelScore(await analyseDecoded(image, guidelines), guidelines);
    expect(score.categories[0]!.violations.map((v) => v.id)).toContain('pixel:checkerboard');
    expect(score.approved).toBe(false);
  });

  it('scores text contrast under layout, blocks approval on unreadable text (named), and lifts the block when the finding is dismissed', async () => {
    const measured = await analyseDecoded(decoded(onBrand()), guidelines);
    measured.text = {
      status: 'measured',
      method: 'structure',
      note: null,
      regions: [
        region({ label: 'Sale', box: { x: 0.1, y: 0.1, w: 0.2, h: 0.05 }, ratio: 2.1 }),
        region({ label: 'ACME', box: { x: 0.5, y: 0.1, w: 0.2, h: 0.05 }, ratio: 1.2, exempt: 'logotype' }),
      ],
    };
    const score = buildPixelScore(measured, guidelines);
    const layout = score.categories.find((c) => c.category === 'layout')!;
    expect(layout.violations).toHaveLength(1);
    expect(layout.violations[0]).toMatchObject({ severity: 'high', region: { x: 0.1, y: 0.1 } });
    expect(layout.score).toBeLessThan(100);
    // The overall score would pass; the named condition decides.
    expect(score.overall_score).toBeGreaterThanOrEqual(80);
    expect(score.approved).toBe(false);
    expect(score.blocking).toEqual([expect.objectContaining({ code: 'text_contrast', finding_id: layout.violations[0]!.id, measured: 2.1, limit: 4.5 })]);
    expect(score.summary).toMatch(/Blocked: Text is below its WCAG contrast minimum/);
    const dismissed = dismissFinding(score, layout.violations[0]!.id, 'not_applicable');
    expect(dismissed.blocking).toEqual([]);
    expect(dismissed.approved).toBe(true);
  });

  it('a text rule applies to text only: a Coral block on Sky is not "Coral text on Sky"', async () => {
    const textRule = testGuidelines({
      rules: [{ category: 'visual', instruction: 'Never set Coral text on Sky.', severity: 'critical', negative_constraint: true, provenance: [] }],
    });
    const raw = paintBlocks(400, 400, PALETTE.paper, [
      { hex: PALETTE.sky, box: { x: 0, y: 0.6, w: 1, h: 0.3 } },
      { hex: PALETTE.coral, box: { x: 0.3, y: 0.65, w: 0.4, h: 0.2 } },
    ]);
    const measured = await analyseDecoded(decoded(raw), textRule);
    expect(measured.rules).toEqual([expect.objectContaining({ scope: 'text_on_background', colors: ['Coral', 'Sky'], applied: 'checked' })]);
    const score = buildPixelScore(measured, textRule);
    expect(score.categories.flatMap((c) => c.violations).filter((v) => v.severity === 'critical')).toEqual([]);
  });
});

function region(over: Partial<TextContrast>): TextContrast {
  return { label: null, box: { x: 0, y: 0, w: 0.1, h: 0.1 }, ratio: 7, required: 4.5, large_text: false, font_px: 16, bold: false, foreground: '#999999', background: '#AAAAAA', glyphs: 5, background_kind: 'flat', confidence: null, exempt: null, ...over };
}

describe('score formulas are monotonic', () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  it('colors never rises when off-palette area grows at the expense of any other term', () => {
    fc.assert(
      fc.property(unit, unit, unit, unit, unit, unit, (off, shaded, dev, delta, fromShaded, dev2) => {
        const on = 1 - off;
        const s = Math.min(shaded, on);
        const d = Math.min(delta, on);
        // Take d of the on-palette area (part of it from the shaded area) and make it off-palette;
        // the role deviation of what remains can move by at most d / on in total variation.
        const shaded2 = Math.max(0, s - d * fromShaded);
        const maxDevMove = on > 0 ? d / on : 0;
        const dev2c = Math.max(0, Math.min(1, dev - maxDevMove + 2 * maxDevMove * dev2));
        expect(colorsScore({ off: off + d, shaded: shaded2, deviation: dev2c })).toBeLessThanOrEqual(colorsScore({ off, shaded: s, deviation: dev }) + 1e-9);
      }),
    );
  });

  // Role shares count a pixel that mixes two palette colours (an anti-aliased or compressed edge)
  // by its mix, judged from its neighbours and from the colours as this image renders them. In
  // pixel noise, painting one pixel re-counts its neighbours, so there the role deviation may move
  // either way; everything else in the colors score only falls. Painted regions, below, never
  // raise the score at all.
  it('painting more pixels off-palette never lowers the off share nor raises the colors score but through the role deviation', () => {
    const colours = [PALETTE.paper, PALETTE.ink, PALETTE.ocean, PALETTE.sky, PALETTE.coral, '#8A7F70', '#3366AA'];
    const size = 24;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: colours.length - 1 }), { minLength: size * size, maxLength: size * size }),
        fc.uniqueArray(fc.integer({ min: 0, max: size * size - 1 }), { minLength: 1, maxLength: 200 }),
        (pixels, painted) => {
          const data = Buffer.alloc(size * size * 3);
          pixels.forEach((c, p) => {
            const { r, g, b } = hexToRgb(colours[c]!);
            data.set([r, g, b], p * 3);
          });
          const before = measurePixels({ width: size, height: size, data }, palette);
          const green = hexToRgb(OFF_GREEN);
          for (const p of painted) data.set([green.r, green.g, green.b], p * 3);
          const after = measurePixels({ width: size, height: size, data }, palette);
          expect(after.coverage.off).toBeGreaterThanOrEqual(before.coverage.off);
          const deviation = before.role_shares.deviation;
          const score = (m: typeof before) => colorsScore({ off: m.coverage.off, shaded: m.coverage.shaded, deviation });
          expect(score(after)).toBeLessThanOrEqual(score(before) + 0.01);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('painting more pixels off-palette inside flat colour fields never raises the measured colors score', () => {
    const fields = [PALETTE.paper, PALETTE.ink, PALETTE.ocean, PALETTE.sky, PALETTE.coral, '#8A7F70'];
    const size = 48;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: fields.length - 1 }), { minLength: 16, maxLength: 16 }),
        fc.uniqueArray(fc.integer({ min: 0, max: size * size - 1 }), { minLength: 1, maxLength: 400 }),
        (grid, painted) => {
          // A 4×4 grid of flat fields, like blocks of a layout, some off-palette.
          const data = Buffer.alloc(size * size * 3);
          for (let p = 0; p < size * size; p++) {
            const { r, g, b } = hexToRgb(fields[grid[(((p / size) | 0) >> 4) * 4 + ((p % size) >> 4)] ?? 0]!);
            data.set([r, g, b], p * 3);
          }
          const before = measurePixels({ width: size, height: size, data }, palette);
          const green = hexToRgb(OFF_GREEN);
          for (const p of painted) data.set([green.r, green.g, green.b], p * 3);
          const after = measurePixels({ width: size, height: size, data }, palette);
          const score = (m: typeof before) => colorsScore({ off: m.coverage.off, shaded: m.coverage.shaded, deviation: m.role_shares.deviation });
          expect(after.coverage.off).toBeGreaterThanOrEqual(before.coverage.off);
          expect(score(after)).toBeLessThanOrEqual(score(before) + 0.01);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('colors never rises as drifted flat area grows', () => {
    fc.assert(
      fc.property(unit, unit, unit, unit, (off, shaded, dev, drift) => {
        const more = Math.min(1, drift + 0.05);
        const s = Math.max(shaded, more);
        expect(colorsScore({ off, shaded: s, deviation: dev, drift: more })).toBeLessThanOrEqual(colorsScore({ off, shaded: s, deviation: dev, drift }) + 1e-9);
      }),
    );
  });

  it('contrast score never rises as a ratio falls', () => {
    const t = (ratio: number): TextContrast => region({ ratio });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 21, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (ratio, drop) => {
        const lower = Math.max(1, ratio - drop);
        expect(contrastScore([t(lower)])).toBeLessThanOrEqual(contrastScore([t(ratio)]));
      }),
    );
  });
});
