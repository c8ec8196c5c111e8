import type { RgbImage } from './color-index';
import { joinBlobs } from './text-blobs';
import type { Modes } from './text-colour-modes';
import type { Components } from './text-components';

/**
 * Step 3 of text detection (text-regions.ts): glyphs are blobs between 6 px
 * and a quarter of the image high with thin strokes for their height, not
 * filling their box, sitting on one larger surface of another colour, whose
 * blend with it is a thin rim (drawn, not photographic shading). Big display
 * letters are single large components of the same shape that hold no text
 * themselves.
 */

const MIN_GLYPH_H = 6;
const MAX_GLYPH_SHARE_H = 0.25;
/** Widest rim (px) between a glyph's colour and its background: anti-aliasing and JPEG blur, not photographic shading. */
const MAX_RIM_PX = 6;
/** Glyph strokes are thin for their height (bold lowercase reaches ~0.4); solid shapes fill their box. */
const MAX_STROKE_SHARE = 0.45;
const MAX_FILL = 0.92;
/**
 * Smallest difference (largest channel, code values) between text and its background: text at
 * 1.2:1 still differs by more, while neighbouring tones of shading and noise differ by less.
 */
const MIN_TEXT_STEP = 20;

export interface Glyph {
  /** Blob id. */
  c: number;
  edges: number;
  container: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  r: number;
  g: number;
  b: number;
  stroke: number;
}

export interface FoundGlyphs {
  glyphs: Glyph[];
  /** Glyph id (`Glyph.c`) per component: its blob's, or its own for a display letter; −1 for other containers. */
  member: Int32Array;
}

export function findGlyphs(image: RgbImage, comp: Components, modes: Modes): FoundGlyphs {
  const { width, height } = image;
  const n = width * height;
  // Containers: large components (pages, panels, bars, bands — and big display letters, handled below).
  const minContainer = Math.max(400, 0.0015 * n);
  const maxH = height * MAX_GLYPH_SHARE_H;
  const container = new Uint8Array(comp.n);
  for (let c = 0; c < comp.n; c++) if (comp.count[c]! >= minContainer) container[c] = 1;
  // Everything else that touches joins one blob: a glyph with its anti-aliased edge and counters.
  const blobs = joinBlobs(image, comp, container);

  const glyphs: Glyph[] = [];
  for (let b = 0; b < blobs.n; b++) {
    const count = blobs.count[b]!;
    const w = blobs.x1[b]! - blobs.x0[b]! + 1;
    const h = blobs.y1[b]! - blobs.y0[b]! + 1;
    if (count < 12 || h < MIN_GLYPH_H || h > maxH) continue;
    const edges = blobs.edges[b]!;
    if (edges === 0) continue;
    const stroke = (2 * count) / edges;
    const fill = count / (w * h);
    if (stroke > MAX_STROKE_SHARE * h + 1 || fill > MAX_FILL || fill < 0.08) continue;
    const around = ringLabel(comp, width, height, blobs.x0[b]!, blobs.y0[b]!, blobs.x1[b]!, blobs.y1[b]!, 2, -1);
    if (around < 0 || !container[around] || comp.count[around]! < 3 * count) continue;
    // The member colour farthest from the background is the text's.
    const m = comp.mode[around]!;
    const far = blobs.far[b]!;
    const diff = Math.max(Math.abs(comp.sr[far]! / comp.count[far]! - modes.r[m]!), Math.abs(comp.sg[far]! / comp.count[far]! - modes.g[m]!), Math.abs(comp.sb[far]! / comp.count[far]! - modes.b[m]!));
    // Drawn, not shaded: the blend between text and background is a thin rim, and a glyph sits on one surface colour.
    if (diff < MIN_TEXT_STEP || blobs.multi[b] || (2 * blobs.rim[b]!) / edges > MAX_RIM_PX) continue;
    glyphs.push({ c: b, container: around, x0: blobs.x0[b]!, y0: blobs.y0[b]!, x1: blobs.x1[b]!, y1: blobs.y1[b]!, r: comp.sr[far]! / comp.count[far]!, g: comp.sg[far]! / comp.count[far]!, b: comp.sb[far]! / comp.count[far]!, stroke, edges });
  }
  // Big display letters are single large components: glyph-shaped, on a larger surface, holding no text of their own.
  const member = Int32Array.from(blobs.of);
  const holdsText = new Uint8Array(comp.n);
  for (const g of glyphs) holdsText[g.container] = 1;
  let next = blobs.n;
  for (let c = 0; c < comp.n; c++) {
    if (!container[c] || holdsText[c]) continue;
    const w = comp.x1[c]! - comp.x0[c]! + 1;
    const h = comp.y1[c]! - comp.y0[c]! + 1;
    const count = comp.count[c]!;
    const edges = comp.edges[c]!;
    if (h < MIN_GLYPH_H || h > maxH || edges === 0) continue;
    const stroke = (2 * count) / edges;
    const fill = count / (w * h);
    if (stroke > MAX_STROKE_SHARE * h + 1 || fill > MAX_FILL || fill < 0.08) continue;
    const around = ringLabel(comp, width, height, comp.x0[c]!, comp.y0[c]!, comp.x1[c]!, comp.y1[c]!, 4, c);
    if (around < 0 || !container[around] || comp.mode[around] === comp.mode[c] || comp.count[around]! < 3 * count) continue;
    const id = next++;
    member[c] = id;
    glyphs.push({ c: id, container: around, x0: comp.x0[c]!, y0: comp.y0[c]!, x1: comp.x1[c]!, y1: comp.y1[c]!, r: comp.sr[c]! / count, g: comp.sg[c]! / count, b: comp.sb[c]! / count, stroke, edges });
  }
  return { glyphs, member };
}

/** The most frequent component label on the ring `gap` px outside a box (the box's surroundings). */
function ringLabel(c: Components, width: number, height: number, x0: number, y0: number, x1: number, y1: number, gap: number, self: number): number {
  const votes = new Map<number, number>();
  const vote = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const l = c.label[y * width + x]!;
    if (l !== self) votes.set(l, (votes.get(l) ?? 0) + 1);
  };
  const stepX = Math.max(1, Math.floor((x1 - x0) / 24));
  const stepY = Math.max(1, Math.floor((y1 - y0) / 12));
  for (let x = x0 - gap; x <= x1 + gap; x += stepX) {
    vote(x, y0 - gap);
    vote(x, y1 + gap);
  }
  for (let y = y0 - gap; y <= y1 + gap; y += stepY) {
    vote(x0 - gap, y);
    vote(x1 + gap, y);
  }
  let best = -1;
  let n = 0;
  for (const [l, v] of votes) if (v > n) [best, n] = [l, v];
  return best;
}
