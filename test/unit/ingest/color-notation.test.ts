import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseColorTokens } from '../../../electron/core/ingest/color-notation';

const hexes = (line: string) => parseColorTokens(line).map((t) => t.hex).filter(Boolean);

describe('parseColorTokens', () => {
  it('reads every notation designers print', () => {
    expect(hexes('#0A2540')).toEqual(['#0A2540']);
    expect(hexes('Accent #fc0')).toEqual(['#FFCC00']);
    expect(hexes('0xfff')).toEqual(['#FFFFFF']);
    expect(hexes('HEX: C8102E')).toEqual(['#C8102E']);
    expect(hexes('C8102E')).toEqual(['#C8102E']);
    expect(hexes('rgb(99, 91, 255)')).toEqual(['#635BFF']);
    expect(hexes('R200 G16 B46')).toEqual(['#C8102E']);
    expect(hexes('R 12 G 34 B 56')).toEqual(['#0C2238']);
    expect(hexes('RGB: 0/94/184')).toEqual(['#005EB8']);
    expect(hexes('RGB 12 34 56')).toEqual(['#0C2238']);
    expect(hexes('hsl(0, 100%, 50%)')).toEqual(['#FF0000']);
  });

  it('keeps CMYK and Pantone as metadata', () => {
    const tokens = parseColorTokens('CMYK: 99/50/0/0 Pantone: 300 C');
    expect(tokens.find((t) => t.kind === 'cmyk')?.cmyk).toEqual([99, 50, 0, 0]);
    expect(tokens.find((t) => t.kind === 'pantone')?.pantone).toBe('PANTONE 300 C');
    expect(parseColorTokens('C2 M100 Y85 K6').map((t) => t.kind)).toEqual(['cmyk']);
  });

  it('rejects words and numbers that merely look hex', () => {
    expect(hexes('ABCDEF GHIJKLM')).toEqual([]);
    expect(hexes('abcdef 0123456789')).toEqual([]);
    expect(hexes('FACADE')).toEqual([]);
    expect(hexes('Order 201612 shipped')).toEqual([]);
    expect(hexes('We decided to defer the facade work')).toEqual([]);
    expect(hexes('Invoice ID 3f2a9c7d1e')).toEqual([]);
  });

  it('round-trips any #RRGGBB and rgb() triplet', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
        const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
        expect(hexes(`Brand ${hex.toLowerCase()}`)).toEqual([hex]);
        expect(hexes(`rgb(${r}, ${g}, ${b})`)).toEqual([hex]);
        expect(hexes(`R ${r} G ${g} B ${b}`)).toEqual([hex]);
      }),
    );
  });
});
