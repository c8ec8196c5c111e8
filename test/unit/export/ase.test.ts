import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAse } from '../../../shared/export/ase';
import { BrandGuidelines, COLOR_USAGES, type Color } from '../../../shared/schema';

interface Swatch {
  name: string;
  model: string;
  values: number[];
  type: number;
  group: string | null;
}

/**
 * An ASE reader written from the format description (Adobe Swatch Exchange 1.0:
 * big-endian, blocks of type + length, UTF-16 names): it walks blocks by their
 * declared lengths, as Illustrator and InDesign do, so a wrong length or a
 * stray byte fails here.
 */
function readAse(bytes: Uint8Array): { version: string; swatches: Swatch[]; groups: string[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...bytes.subarray(at, at + n));
  expect(ascii(0, 4)).toBe('ASEF');
  const version = `${view.getUint16(4)}.${view.getUint16(6)}`;
  const count = view.getUint32(8);
  let at = 12;
  const swatches: Swatch[] = [];
  const groups: string[] = [];
  let group: string | null = null;
  const name = (start: number) => {
    const units = view.getUint16(start);
    const chars: number[] = [];
    for (let i = 0; i < units - 1; i++) chars.push(view.getUint16(start + 2 + i * 2));
    expect(view.getUint16(start + 2 + (units - 1) * 2)).toBe(0);
    return { text: String.fromCharCode(...chars), end: start + 2 + units * 2 };
  };
  for (let block = 0; block < count; block++) {
    const type = view.getUint16(at);
    const length = view.getUint32(at + 2);
    const body = at + 6;
    if (type === 0xc001) {
      group = name(body).text;
      groups.push(group);
    } else if (type === 0xc002) {
      expect(length).toBe(0);
      group = null;
    } else {
      expect(type).toBe(0x0001);
      const n = name(body);
      const model = ascii(n.end, 4);
      const channels = { 'RGB ': 3, 'LAB ': 3, CMYK: 4, Gray: 1 }[model] ?? 0;
      const values = Array.from({ length: channels }, (_, i) => view.getFloat32(n.end + 4 + i * 4));
      const typeAt = n.end + 4 + channels * 4;
      expect(typeAt + 2).toBe(body + length);
      swatches.push({ name: n.text, model: model.trim(), values, type: view.getUint16(typeAt), group });
    }
    at = body + length;
  }
  expect(at).toBe(bytes.length);
  return { version, swatches, groups };
}

const hexOf = (rgb: number[]) => `#${rgb.map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('').toUpperCase()}`;

describe('Adobe Swatch Exchange export', () => {
  it('groups the palette by role, with names and colours that read back exactly', () => {
    const guidelines = BrandGuidelines.parse({
      colors: [
        { name: 'Ocean', hex: '#0B5FA5', usage: 'primary' },
        { name: 'Café crème', hex: '#F4F1EA', usage: 'neutral' },
        { name: '', hex: '#FF6B4A', usage: 'accent' },
        { name: 'Ink', hex: '#1D2433', usage: 'neutral' },
      ],
    });
    const file = readAse(toAse({ name: 'Harbour & Co', guidelines }));
    expect(file.version).toBe('1.0');
    expect(file.groups).toEqual(['Harbour & Co — Primary', 'Harbour & Co — Accent', 'Harbour & Co — Neutral']);
    expect(file.swatches.map((s) => [s.group, s.name, s.model, hexOf(s.values), s.type])).toEqual([
      ['Harbour & Co — Primary', 'Ocean', 'RGB', '#0B5FA5', 0],
      ['Harbour & Co — Accent', '#FF6B4A', 'RGB', '#FF6B4A', 0],
      ['Harbour & Co — Neutral', 'Café crème', 'RGB', '#F4F1EA', 0],
      ['Harbour & Co — Neutral', 'Ink', 'RGB', '#1D2433', 0],
    ]);
  });

  it('round-trips any palette (property)', () => {
    const color = fc.record({
      name: fc.string({ maxLength: 40 }),
      hex: fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0').toUpperCase()}`),
      usage: fc.constantFrom(...COLOR_USAGES),
    });
    fc.assert(
      fc.property(fc.array(color, { maxLength: 30 }), (colors) => {
        const guidelines = BrandGuidelines.parse({ colors });
        const { swatches } = readAse(toAse({ name: 'B', guidelines }));
        const expected = COLOR_USAGES.flatMap((u) => guidelines.colors.filter((c: Color) => c.usage === u)).map((c) => [c.name.trim() || c.hex, c.hex]);
        expect(swatches.map((s) => [s.name, hexOf(s.values)])).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
