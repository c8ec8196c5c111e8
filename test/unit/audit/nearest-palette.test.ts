import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rgb8ToLab, rgbToHex } from '../../../shared/color';
import { NearestPaletteSearch, nearestPaletteBruteForce } from '../../../electron/core/audit/nearest-palette';
import { paletteOf } from '../../../electron/core/audit/palette';
import { testGuidelines } from '../../fixtures/images/generate';

const channel = fc.integer({ min: 0, max: 255 });
const rgb = fc.record({ r: channel, g: channel, b: channel });
/** Fractional channels too: bins are searched by their mean colour. */
const meanChannel = fc.double({ min: 0, max: 255, noNaN: true });

function paletteFrom(colors: { r: number; g: number; b: number }[]) {
  const base = testGuidelines().colors[0]!;
  return paletteOf({ colors: colors.map((c, i) => ({ ...base, name: `c${i}`, hex: rgbToHex(c) })) });
}

describe('NearestPaletteSearch (ΔE00 with a lightness lower bound)', () => {
  it('returns exactly what a brute-force scan returns: same palette index (lowest on ties) and same ΔE00', () => {
    fc.assert(
      fc.property(fc.array(rgb, { minLength: 0, maxLength: 24 }), fc.array(fc.tuple(meanChannel, meanChannel, meanChannel), { minLength: 1, maxLength: 40 }), (colors, probes) => {
        const palette = paletteFrom(colors);
        const search = new NearestPaletteSearch(palette);
        for (const [r, g, b] of probes) {
          const lab = rgb8ToLab(r, g, b);
          const expected = nearestPaletteBruteForce(lab, palette);
          expect(search.nearest(lab)).toBe(expected.index);
          expect(search.distance).toBe(expected.distance);
        }
      }),
      { numRuns: 300 },
    );
  });

});
