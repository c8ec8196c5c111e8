import { deltaE2000, hexToLab } from '../../../shared/color';
import type { Value } from './color-values';
import type { FillEvidence, PageEvidence } from './evidence-types';
import { attachment, contains, distance, unionBox } from './geometry';

// Painted swatches of a page, and their pairing with the printed values that describe them.

const SWATCH_MIN_AREA = 0.0008;
const SWATCH_MAX_AREA = 0.25;

function isSwatchLike(fill: FillEvidence, page: PageEvidence): boolean {
  if (fill.area < SWATCH_MIN_AREA || fill.area > SWATCH_MAX_AREA) return false;
  const aspect = (fill.box.w * page.width) / Math.max(1e-6, fill.box.h * page.height);
  if (aspect < 0.15 || aspect > 7) return false;
  return fill.rect || (fill.coverage ?? 0) >= 0.75;
}

/** Swatch-like fills of a page, without the smaller same-colour shapes painted inside them. */
export function pageSwatches(page: PageEvidence): FillEvidence[] {
  const candidates = page.fills.filter((f) => isSwatchLike(f, page)).sort((a, b) => b.area - a.area);
  const kept: FillEvidence[] = [];
  for (const f of candidates) {
    if (kept.some((k) => k.hex === f.hex && contains(k.box, f.box))) continue;
    // Two equal shapes at one place (fill + stroke passes) are one swatch.
    if (kept.some((k) => k.hex === f.hex && Math.abs(k.box.x - f.box.x) < 0.002 && Math.abs(k.box.y - f.box.y) < 0.002)) continue;
    kept.push(f);
  }
  return kept;
}

const labCache = new Map<string, ReturnType<typeof hexToLab>>();
const lab = (hex: string) => {
  let v = labCache.get(hex);
  if (!v) {
    v = hexToLab(hex);
    labCache.set(hex, v);
  }
  return v;
};
const colourDistance = (a: string, b: string) => (a === b ? 0 : deltaE2000(lab(a), lab(b)));

/** Values of one colour printed together (hex, rgb and cmyk stacked under one swatch) form one group. */
export function groupValues(values: Value[]): Value[][] {
  const groups: Value[][] = [];
  for (const v of values) {
    const group = groups.find((g) => g[0]!.hex === v.hex && g.some((o) => distance(o.box, v.box) < 0.05));
    if (group) group.push(v);
    else groups.push([v]);
  }
  return groups;
}

export const boxOf = (values: Value[]) => values.map((v) => v.line.box).reduce(unionBox);

/** Pair each group of printed values with the swatch it describes, by layout and colour. */
export function pairSwatches(groups: Value[][], swatches: FillEvidence[]): Map<Value[], FillEvidence> {
  const options: { group: Value[]; swatch: FillEvidence; cost: number }[] = [];
  for (const group of groups) {
    const box = boxOf(group);
    for (const swatch of swatches) {
      const a = attachment(box, swatch.box);
      if (!a) continue;
      const gap = a.gap;
      // A table row may put the swatch and its value far apart; a column keeps them close.
      const limit = a.direction === 'row' ? 0.5 : Math.max(0.06, Math.min(0.2, 2.5 * swatch.box.h));
      if (gap > limit) continue;
      const de = colourDistance(group[0]!.hex, swatch.hex);
      // Print conversions paint a swatch a little off its printed value; a different colour costs more.
      const cost = gap + (de < 0.5 ? 0 : de < 12 ? 0.01 + de / 1000 : 0.04);
      options.push({ group, swatch, cost });
    }
  }
  options.sort((a, b) => a.cost - b.cost);
  const paired = new Map<Value[], FillEvidence>();
  const used = new Set<FillEvidence>();
  for (const o of options) {
    if (paired.has(o.group) || used.has(o.swatch)) continue;
    paired.set(o.group, o.swatch);
    used.add(o.swatch);
  }
  return paired;
}

/**
 * On a page read by OCR, a printed value that differs a little from its swatch was probably
 * misread ("#F4F1EA" read as "#FAF1EA"): a vector fill is exact, and a rendered flat swatch is
 * exact to within compression noise, so the swatch wins — unless the two are apart by more than
 * a misread digit (then the pairing, not the reading, is in doubt).
 */
export function ocrChecked(printed: string, swatch: FillEvidence | null, ocr: boolean): string {
  if (!ocr || !swatch || swatch.hex === printed) return printed;
  // A misread changes a character or two; a swatch painted off its value (print conversion) changes most.
  const differing = [...printed].filter((ch, i) => ch !== swatch.hex[i]).length;
  if (differing > 2 || colourDistance(printed, swatch.hex) > 12) return printed;
  return swatch.raster && colourDistance(printed, swatch.hex) < 2.5 ? printed : swatch.hex;
}

/** Swatches without values that line up with the page's palette swatches (same size, same row or column). */
export function alignedWith(swatch: FillEvidence, others: FillEvidence[]): number {
  return others.filter(
    (o) =>
      o !== swatch &&
      Math.abs(o.box.w - swatch.box.w) < Math.max(o.box.w, swatch.box.w) * 0.15 &&
      Math.abs(o.box.h - swatch.box.h) < Math.max(o.box.h, swatch.box.h) * 0.15 &&
      (Math.abs(o.box.y - swatch.box.y) < 0.01 || Math.abs(o.box.x - swatch.box.x) < 0.01),
  ).length;
}
