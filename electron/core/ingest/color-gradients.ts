import type { Gradient } from '../../../shared/schema';
import type { Item } from './color-items';
import { labelText, type Value } from './color-values';
import type { ShadingEvidence } from './evidence-types';
import { labelKind } from './label-kind';
import type { TextLine } from './text-lines';
import { mentionsSection } from './vocabulary';

// Gradients: painted shadings (named by their captions), stops printed one per line under a
// gradient heading, and gradients stated only in text.

/** Gradients whose stops are printed one per line under a gradient heading, on a page that paints no shading. */
export function headingGradients(stopsByHeading: Map<TextLine, Value[]>, shadingItems: ShadingEvidence[], page: number): Gradient[] {
  const gradients: Gradient[] = [];
  for (const [heading, stops] of stopsByHeading) {
    if (shadingItems.length > 0 || stops.length < 2) continue;
    const name = labelText(heading.text).replace(/\b(gradients?|verl[aä]uf\w*|farbverl[aä]uf\w*|d[eé]grad[eé]s?|degradados?|sfumatur\w*|gradientes?)\b/gi, '').replace(/[:–—-]/g, ' ').trim();
    gradients.push({
      name: name || `Gradient ${stops[0]!.hex} – ${stops.at(-1)!.hex}`,
      stops: stops.map((v, i) => ({ hex: v.hex, position: Math.round((i / (stops.length - 1)) * 100) / 100 })),
      angle: null,
      provenance: [{ page, bbox: heading.box, source: 'text' }],
    });
  }
  return gradients;
}

function gradientName(item: Item): string | null {
  const labels = [...item.labels].sort((a, b) => a.gap - b.gap);
  const texts = labels.map(({ line }) => ({ line, text: labelText(line.text).replace(/\b(linear|radial|conic)-gradient\b/gi, ' ').replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim() }));
  // A short noun phrase names the gradient; the section word ("Gradients", "Verlauf") does not.
  const named = texts.find(({ line, text }) => labelKind(line.text, text) === 'name');
  if (named) return named.text;
  const loose = texts.find(({ text }) => /\p{L}{3,}/u.test(text) && text.split(/\s+/).length <= 4 && !(mentionsSection(text, 'gradient') && text.split(/\s+/).length <= 2));
  return loose ? loose.text.replace(/\b(gradient|verlauf|degrad[eé]|degradado|sfumatura|gradiente)\b/gi, '').trim() || null : null;
}

function printedAngle(lines: TextLine[]): number | null {
  for (const line of lines) {
    const m = /(-?\d{1,3})\s*(?:°|deg\b)/i.exec(line.text);
    if (m) return Number(m[1]);
  }
  return null;
}

export function gradientFrom(shading: ShadingEvidence, item: Item, values: Value[], page: number): Gradient {
  const lines = item.labels.map((l) => l.line);
  const printed = values.filter((v) => lines.includes(v.line)).map((v) => v.hex);
  const stops = printed.length >= 2 ? printed : shading.stops;
  return {
    name: gradientName(item) ?? `Gradient ${stops[0]} – ${stops.at(-1)}`,
    stops: stops.map((hex, i) => ({ hex, position: stops.length > 1 ? Math.round((i / (stops.length - 1)) * 100) / 100 : null })),
    // CSS degrees (0 = to top, 90 = to right), as designers print them; the shading's own angle is measured y-up.
    angle: printedAngle(lines) ?? (shading.angle === null ? null : (450 - shading.angle) % 360),
    provenance: [{ page, bbox: shading.box, source: 'vector' }],
  };
}

/** Gradients stated only in text ("Sunrise: #FF5F6D → #FFC371", CSS linear-gradient). */
export function textGradients(values: Value[], shadings: Item[], page: number): Gradient[] {
  const byLine = new Map<TextLine, Value[]>();
  for (const v of values) if (v.gradient) byLine.set(v.line, [...(byLine.get(v.line) ?? []), v]);
  const out: Gradient[] = [];
  for (const [line, vs] of byLine) {
    if (vs.length < 2 || shadings.some((s) => s.labels.some((l) => l.line === line))) continue;
    const name = labelText(line.text)
      .replace(/\b(linear|radial|conic)-gradient\b/gi, ' ')
      .replace(/[()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    out.push({
      name: name && labelKind(name, name) === 'name' ? name : `Gradient ${vs[0]!.hex} – ${vs.at(-1)!.hex}`,
      stops: vs.map((v, i) => ({ hex: v.hex, position: Math.round((i / (vs.length - 1)) * 100) / 100 })),
      angle: printedAngle([line]),
      provenance: [{ page, bbox: line.box, source: 'text' }],
    });
  }
  return out;
}

export function dedupeGradients(gradients: Gradient[]): Gradient[] {
  const seen = new Set<string>();
  return gradients.filter((g) => {
    const key = g.stops.map((s) => s.hex).join('>');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
