import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contrastRatio,
  hexToLab,
  hexToRgb,
  labToRgb,
  relativeLuminance,
  rgb8ToLab,
  rgbToHex,
  rgbToLab,
  linearToXyz,
  rgbToLinear,
} from '../../../shared/color';
import { MobiusError } from '../../../shared/errors';

describe('sRGB ↔ XYZ ↔ CIELAB', () => {
  it('maps white and black to the D65 white point and the origin', () => {
    const white = linearToXyz(rgbToLinear({ r: 255, g: 255, b: 255 }));
    expect(white.x).toBeCloseTo(95.047, 2);
    expect(white.y).toBeCloseTo(100, 3);
    expect(white.z).toBeCloseTo(108.883, 1);
    const lw = rgbToLab({ r: 255, g: 255, b: 255 });
    expect(lw.l).toBeCloseTo(100, 3);
    expect(Math.abs(lw.a)).toBeLessThan(0.01);
    expect(Math.abs(lw.b)).toBeLessThan(0.01);
    expect(rgbToLab({ r: 0, g: 0, b: 0 }).l).toBeCloseTo(0, 6);
  });

  it('matches published CIELAB values of sRGB primaries', () => {
    // Bruce Lindbloom's calculator, sRGB / D65.
    const red = hexToLab('#FF0000');
    expect(red.l).toBeCloseTo(53.2408, 2);
    expect(red.a).toBeCloseTo(80.0925, 1);
    expect(red.b).toBeCloseTo(67.2032, 1);
    const blue = hexToLab('#0000FF');
    expect(blue.l).toBeCloseTo(32.297, 1);
    expect(blue.a).toBeCloseTo(79.1875, 1);
    expect(blue.b).toBeCloseTo(-107.8602, 1);
  });

  it('round-trips every 8-bit colour through Lab within half a code value', () => {
    const channel = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(channel, channel, channel, (r, g, b) => {
        const back = labToRgb(rgbToLab({ r, g, b }));
        expect(Math.abs(back.r - r)).toBeLessThan(0.5);
        expect(Math.abs(back.g - g)).toBeLessThan(0.5);
        expect(Math.abs(back.b - b)).toBeLessThan(0.5);
        const fast = rgb8ToLab(r, g, b);
        const slow = rgbToLab({ r, g, b });
        expect(fast.l).toBeCloseTo(slow.l, 9);
        expect(fast.a).toBeCloseTo(slow.a, 9);
        expect(fast.b).toBeCloseTo(slow.b, 9);
      }),
    );
  });

  it('converts hex both ways and rejects non-colours', () => {
    expect(hexToRgb('#1a2B3c')).toEqual({ r: 0x1a, g: 0x2b, b: 0x3c });
    expect(hexToRgb('abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(rgbToHex({ r: 26, g: 43, b: 60 })).toBe('#1A2B3C');
    expect(rgbToHex({ r: 300, g: -2, b: 0.4 })).toBe('#FF0000');
    expect(() => hexToRgb('#12345G')).toThrow(MobiusError);
  });
});

describe('WCAG 2.x', () => {
  it('gives 21:1 for black on white and 1:1 for equal colours', () => {
    expect(contrastRatio(hexToRgb('#000000'), hexToRgb('#FFFFFF'))).toBeCloseTo(21, 6);
    expect(contrastRatio(hexToRgb('#777777'), hexToRgb('#777777'))).toBe(1);
    expect(relativeLuminance(hexToRgb('#FFFFFF'))).toBeCloseTo(1, 9);
  });

  it('matches known ratios', () => {
    // #767676 on white is the well-known lightest grey passing AA (4.54:1).
    expect(contrastRatio(hexToRgb('#767676'), hexToRgb('#FFFFFF'))).toBeCloseTo(4.54, 2);
    expect(contrastRatio(hexToRgb('#FFFFFF'), hexToRgb('#0000FF'))).toBeCloseTo(8.59, 2);
  });
});
