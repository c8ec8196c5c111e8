import type { RgbImage } from './color-index';
import type { Components } from './text-components';
import type { Glyph } from './text-glyphs';

/**
 * A grouped line measured (text-regions.ts): its box, its text colour from
 * its most contrasting stroke pixels, its background from the surface pixels
 * around it, its cap height and stroke width — or nothing when more than
 * background and glyphs surround it (texture is never text).
 */

export interface TextLine {
  /** Analysis-pixel box. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  fg: [number, number, number];
  bg: [number, number, number];
  /** Cap/ascender height in analysis pixels. */
  cap_height: number;
  /** Median stroke width in analysis pixels. */
  stroke: number;
  glyphs: number;
}

/** Share of a line's surroundings that may be neither its background nor its glyphs (neighbouring elements). */
const MAX_OTHER_SHARE = 0.2;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

export function describeLine(image: RgbImage, comp: Components, memberOf: Int32Array, members: Glyph[]): TextLine | null {
  const { width, height, data } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  const glyphSet = new Set<number>();
  const containerVotes = new Map<number, number>();
  for (const g of members) {
    glyphSet.add(g.c);
    containerVotes.set(g.container, (containerVotes.get(g.container) ?? 0) + 1);
    if (g.x0 < x0) x0 = g.x0;
    if (g.y0 < y0) y0 = g.y0;
    if (g.x1 > x1) x1 = g.x1;
    if (g.y1 > y1) y1 = g.y1;
  }
  let container = -1;
  let votes = 0;
  for (const [c, v] of containerVotes) if (v > votes) [container, votes] = [c, v];
  // Background: the container's pixels around the line; text: its most contrasting stroke pixels (the farthest 12 %).
  const pad = Math.max(2, Math.round((y1 - y0) * 0.5));
  let br = 0;
  let bgG = 0;
  let bb = 0;
  let bn = 0;

  const bx0 = Math.max(0, x0 - pad);
  const by0 = Math.max(0, y0 - pad);
  const bx1 = Math.min(width - 1, x1 + pad);
  const by1 = Math.min(height - 1, y1 + pad);
  // Around real text there is only the background and the glyphs; around texture, everything else too.
  let other = 0;
  for (let y = by0; y <= by1; y++) {
    for (let x = bx0; x <= bx1; x++) {
      const p = y * width + x;
      if (comp.label[p] !== container) {
        if (!glyphSet.has(memberOf[comp.label[p]!]!)) other++;
        continue;
      }
      br += data[p * 3]!;
      bgG += data[p * 3 + 1]!;
      bb += data[p * 3 + 2]!;
      bn++;
    }
  }
  if (other > MAX_OTHER_SHARE * (bx1 - bx0 + 1) * (by1 - by0 + 1)) return null;
  const bg: [number, number, number] = bn > 0 ? [br / bn, bgG / bn, bb / bn] : [comp.sr[container]! / comp.count[container]!, comp.sg[container]! / comp.count[container]!, comp.sb[container]! / comp.count[container]!];
  // Distance from the background per stroke pixel, as a histogram. The text colour is the mean of the
  // stroke core: pixels at least 80 % as far as the 95th percentile (so neither anti-aliasing nor a
  // codec's ringing overshoot decides it).
  const hist = new Uint32Array(442);
  const sums = new Float64Array(442 * 3);
  const dist = (i: number) => Math.min(441, Math.round(Math.hypot(data[i]! - bg[0], data[i + 1]! - bg[1], data[i + 2]! - bg[2])));
  let total = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const p = y * width + x;
      if (!glyphSet.has(memberOf[comp.label[p]!]!)) continue;
      const i = p * 3;
      const d = dist(i);
      hist[d]!++;
      sums[d * 3]! += data[i]!;
      sums[d * 3 + 1]! += data[i + 1]!;
      sums[d * 3 + 2]! += data[i + 2]!;
      total++;
    }
  }
  let d95 = 441;
  for (let d = 441, seen = 0; d >= 0; d--) {
    seen += hist[d]!;
    if (seen >= total * 0.05) {
      d95 = d;
      break;
    }
  }
  const coreFrom = Math.floor(0.8 * d95);
  let fr = 0;
  let fg = 0;
  let fb = 0;
  let fn = 0;
  for (let d = coreFrom; d <= 441; d++) {
    fr += sums[d * 3]!;
    fg += sums[d * 3 + 1]!;
    fb += sums[d * 3 + 2]!;
    fn += hist[d]!;
  }
  const fgRgb: [number, number, number] = fn > 0 ? [fr / fn, fg / fn, fb / fn] : [members[0]!.r, members[0]!.g, members[0]!.b];
  // Cap height from the strokes themselves (half as far from the background as the core), not from the
  // blobs' boxes, which a codec's blur widens: from the first such row to the baseline — the last row
  // still a quarter as full as the fullest (descenders are sparse).
  const rows = new Uint32Array(y1 - y0 + 1);
  const strong = Math.max(1, Math.floor(0.5 * d95));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const p = y * width + x;
      if (glyphSet.has(memberOf[comp.label[p]!]!) && dist(p * 3) >= strong) rows[y - y0]!++;
    }
  }
  let fullest = 0;
  for (const r of rows) if (r > fullest) fullest = r;
  let top = 0;
  while (top < rows.length - 1 && rows[top]! < 2) top++;
  let base = rows.length - 1;
  while (base > top && rows[base]! < 0.25 * fullest) base--;
  const capHeight = Math.max(1, base - top + 1);
  return { x0, y0, x1: x1 + 1, y1: y1 + 1, fg: fgRgb, bg, cap_height: capHeight, stroke: median(members.map((g) => g.stroke)), glyphs: members.length };
}
