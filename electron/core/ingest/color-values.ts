import type { NormalizedBox } from '../../../shared/schema';
import { parseColorTokens } from './color-notation';
import { distance, overlapX } from './geometry';
import type { PageText } from './page-text';
import type { TextLine } from './text-lines';
import { mentionsSection } from './vocabulary';

// Colour values printed on a page (hex, rgb, hsl; CMYK and Pantone attached to the value they
// describe), and the label text that remains when they are taken out of a line.

/** One printed colour value (hex, rgb, hsl) with its box on the page. */
export interface Value {
  hex: string;
  box: NormalizedBox;
  line: TextLine;
  gradient: boolean;
  cmyk?: [number, number, number, number];
  pantone?: string;
}

const GRADIENT_JOIN = /(?:#|\b0x)?[0-9a-f]{6}\b\s*(?:→|->|–|—|-|>|\bto\b|\bbis\b|\bà\b|\ba\b|\btil\b|\btill\b|\btot\b)\s*(?:#|\b0x)?[0-9a-f]{3,6}\b/i;

/** A text line with its colour values removed (what remains is the label: "Blue", "Primary Accent"). */
export function labelText(text: string): string {
  let t = text;
  t = t.replace(/(?:#|\b0x)[0-9a-f]{3,6}\b/gi, ' ');
  t = t.replace(/\b(rgba?|hsla?|cmyk)\s*\([^)]*\)/gi, ' ');
  t = t.replace(/\b(hex|rgb|cmyk|pantone|pms|hsl|hsb|coated|uncoated|ral|ncs)\b\s*[:=]?\s*[\d/%.,\s]*(?:[A-Z]{1,2}\b)?/gi, ' ');
  t = t.replace(/\b[RGBCMYKHSL]\s*[:=]?\s*\d{1,3}%?/g, ' ');
  t = t.replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6}\b/gi, ' ');
  t = t.replace(/[\d/%.,:;]+/g, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

function isGradientLine(text: string): boolean {
  return mentionsSection(text, 'gradient') || /(?:linear|radial|conic)-gradient\s*\(/i.test(text) || GRADIENT_JOIN.test(text);
}

/** Approximate box of a token inside its line, from its character offset. */
function tokenBox(line: TextLine, index: number, length: number): NormalizedBox {
  const chars = Math.max(1, line.text.length);
  const x = line.box.x + (line.box.w * index) / chars;
  return { x, y: line.box.y, w: Math.max((line.box.w * length) / chars, 0.01), h: line.box.h };
}

export function pageValues(pageText: PageText): Value[] {
  const values: Value[] = [];
  const meta: { line: TextLine; cmyk?: [number, number, number, number]; pantone?: string; box: NormalizedBox }[] = [];
  for (const line of pageText.lines) {
    const tokens = parseColorTokens(line.text);
    if (tokens.length === 0) continue;
    const gradient = isGradientLine(line.text);
    const onlyHsl = tokens.every((t) => t.kind === 'hsl' || t.kind === 'cmyk' || t.kind === 'pantone');
    tokens.forEach((t, i) => {
      const length = (tokens[i + 1]?.index ?? line.text.length) - t.index;
      const box = tokenBox(line, t.index, Math.min(length, 12));
      // HSL is rounded, so usually a restatement; a value only when the line has nothing else.
      if (t.hex && (t.kind !== 'hsl' || onlyHsl)) values.push({ hex: t.hex, box, line, gradient });
      else if (t.cmyk || t.pantone) meta.push({ line, cmyk: t.cmyk, pantone: t.pantone, box });
    });
  }
  // CMYK and Pantone describe the nearest value in the same column or row.
  for (const m of meta) {
    const sameRow = (v: Value) => Math.abs(v.box.y - m.box.y) < m.box.h * 0.6;
    const target = values
      .filter((v) => !v.gradient && (overlapX(v.box, m.box) > 0 || sameRow(v)))
      .sort((a, b) => distance(a.box, m.box) - distance(b.box, m.box))[0];
    if (!target || distance(target.box, m.box) > (sameRow(target) ? 0.5 : 0.08)) continue;
    target.cmyk ??= m.cmyk;
    target.pantone ??= m.pantone;
  }
  return values;
}

export const wordsOfText = (text: string) => text.split(/\s+/).filter(Boolean).length;
