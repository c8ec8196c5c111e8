import { deltaE76, type Lab } from '../../../shared/color';
import { BufferPool } from './buffer-pool';
import type { ColorIndex, RgbImage } from './color-index';

/**
 * Text found by its structure, never by reading it.
 *
 * 1. Colour modes: the image's colour bins are grouped into modes (ΔE76 ≤ 6),
 *    and every pixel gets its mode.
 * 2. Connected components of equal mode (4-connectivity, labelled by runs).
 *    Large components are surfaces (page, panels, bars, bands); the small
 *    ones that touch are joined into blobs, so a glyph is one blob with its
 *    anti-aliased rim and counters, however faint or thin it is.
 * 3. Glyphs: blobs between 6 px and a quarter of the image high with thin
 *    strokes for their height, not filling their box, sitting on one larger
 *    surface of another colour, whose blend with it is a thin rim (drawn, not
 *    photographic shading). Big display letters are single large components
 *    of the same shape that hold no text themselves.
 * 4. Lines: glyphs of similar colour on the same surface colour, aligned and
 *    close together — at least three, or one long word-shaped blob — with
 *    nothing but background and glyphs around them (texture is never text).
 *
 * A line's text colour is taken from its most contrasting stroke pixels and
 * its background from the surface pixels around it.
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

const MODE_RADIUS = 6;
const MAX_MODES = 250;
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
/** Share of a line's surroundings that may be neither its background nor its glyphs (neighbouring elements). */
const MAX_OTHER_SHARE = 0.2;

const pool = new BufferPool();

interface Modes {
  /** Mode per colour bin of the index. */
  ofBin: Uint8Array;
  count: Float64Array;
  r: Float64Array;
  g: Float64Array;
  b: Float64Array;
  n: number;
}

/** Bins grouped greedily (largest first) into modes within MODE_RADIUS. */
function colourModes(index: ColorIndex): Modes {
  const bins = index.count.length;
  const order = Array.from({ length: bins }, (_, i) => i).sort((a, b) => index.count[b]! - index.count[a]!);
  const seeds: Lab[] = [];
  const ofBin = new Uint8Array(bins);
  const count = new Float64Array(MAX_MODES);
  const r = new Float64Array(MAX_MODES);
  const g = new Float64Array(MAX_MODES);
  const b = new Float64Array(MAX_MODES);
  for (const id of order) {
    const lab = index.lab[id]!;
    let best = -1;
    let bestD = Infinity;
    for (let m = 0; m < seeds.length; m++) {
      const s = seeds[m]!;
      const dl = lab.l - s.l;
      if (dl > bestD || -dl > bestD) continue;
      const d = deltaE76(lab, s);
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    if (best < 0 || (bestD > MODE_RADIUS && seeds.length < MAX_MODES)) {
      seeds.push(lab);
      best = seeds.length - 1;
    }
    ofBin[id] = best;
    const c = index.count[id]!;
    count[best]! += c;
    r[best]! += index.meanR[id]! * c;
    g[best]! += index.meanG[id]! * c;
    b[best]! += index.meanB[id]! * c;
  }
  const n = seeds.length;
  for (let m = 0; m < n; m++) {
    r[m] = r[m]! / count[m]!;
    g[m] = g[m]! / count[m]!;
    b[m] = b[m]! / count[m]!;
  }
  return { ofBin, count, r, g, b, n };
}

function modeMap(image: RgbImage, index: ColorIndex, modes: Modes, out: Uint8Array): void {
  const { data } = image;
  const { binOf } = index;
  const { ofBin } = modes;
  const n = image.width * image.height;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    out[p] = ofBin[binOf[((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2)]!]!;
  }
}

interface Components {
  label: Int32Array;
  n: number;
  count: Int32Array;
  mode: Uint8Array;
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  sr: Float64Array;
  sg: Float64Array;
  sb: Float64Array;
  /** Boundary edges with other components. */
  edges: Int32Array;
}

function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]!]!;
    a = parent[a]!;
  }
  return a;
}

/** Connected components of equal mode, by runs (union-find over runs, then per-pixel labels). */
function components(map: Uint8Array, width: number, height: number): Components {
  const n = width * height;
  const label = pool.i32('label', n);
  // Runs: start x, end x (exclusive), row, mode.
  let runCap = 1 << 16;
  let rx0 = new Int32Array(runCap);
  let rx1 = new Int32Array(runCap);
  let parent = new Int32Array(runCap);
  let runs = 0;
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const rowStart = runs;
    let x = 0;
    let pr = prevStart;
    while (x < width) {
      const m = map[row + x]!;
      let e = x + 1;
      while (e < width && map[row + e] === m) e++;
      if (runs >= runCap) {
        runCap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(runCap);
          b.set(a);
          return b;
        };
        rx0 = grow(rx0);
        rx1 = grow(rx1);
        parent = grow(parent);
      }
      const id = runs++;
      rx0[id] = x;
      rx1[id] = e;
      parent[id] = id;
      // Overlapping runs of the previous row with the same mode.
      while (pr < prevEnd && rx1[pr]! <= x) pr++;
      for (let q = pr; q < prevEnd && rx0[q]! < e; q++) {
        if (map[row - width + rx0[q]!] === m) {
          const a = find(parent, id);
          const b = find(parent, q);
          if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
        }
      }
      x = e;
    }
    prevStart = rowStart;
    prevEnd = runs;
  }
  // Compact roots to component ids and write pixel labels.
  const compOf = new Int32Array(runs).fill(-1);
  let comps = 0;
  const rootId = new Int32Array(runs).fill(-1);
  for (let r = 0; r < runs; r++) {
    const root = find(parent, r);
    if (rootId[root] === -1) rootId[root] = comps++;
    compOf[r] = rootId[root]!;
  }
  const count = new Int32Array(comps);
  const mode = new Uint8Array(comps);
  const x0 = new Int32Array(comps).fill(width);
  const y0 = new Int32Array(comps).fill(height);
  const x1 = new Int32Array(comps).fill(-1);
  const y1 = new Int32Array(comps).fill(-1);
  let r = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      const c = compOf[r]!;
      const s = rx0[r]!;
      const e = rx1[r]!;
      r++;
      for (let p = row + s; p < row + e; p++) label[p] = c;
      count[c]! += e - s;
      mode[c] = map[row + s]!;
      if (s < x0[c]!) x0[c] = s;
      if (e - 1 > x1[c]!) x1[c] = e - 1;
      if (y < y0[c]!) y0[c] = y;
      if (y > y1[c]!) y1[c] = y;
      x = e;
    }
  }
  return {
    label,
    n: comps,
    count,
    mode,
    x0,
    y0,
    x1,
    y1,
    sr: new Float64Array(comps),
    sg: new Float64Array(comps),
    sb: new Float64Array(comps),
    edges: new Int32Array(comps),
  };
}

/** Colour sums of every component, and its boundary edges. */
function componentEdges(image: RgbImage, c: Components): void {
  const { width, height, data } = image;
  const { label, sr, sg, sb, edges } = c;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const l = label[p]!;
      const i = p * 3;
      sr[l]! += data[i]!;
      sg[l]! += data[i + 1]!;
      sb[l]! += data[i + 2]!;
      if (x + 1 < width) {
        const q = label[p + 1]!;
        if (q !== l) {
          edges[l]!++;
          edges[q]!++;
        }
      }
      if (y + 1 < height) {
        const q = label[p + width]!;
        if (q !== l) {
          edges[l]!++;
          edges[q]!++;
        }
      }
    }
  }
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

interface Glyph {
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


export function detectTextLines(image: RgbImage, index: ColorIndex): TextLine[] {
  const { width, height } = image;
  const n = width * height;
  if (n === 0 || index.count.length === 0) return [];
  const modes = colourModes(index);
  const map = pool.u8('modes', n);
  modeMap(image, index, modes, map);
  const comp = components(map, width, height);
  componentEdges(image, comp);

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
  const lines = groupLines(glyphs, comp);
  return lines.flatMap((members) => describeLine(image, comp, member, members) ?? []);
}

interface Blobs {
  /** Blob per component (−1 for containers). */
  of: Int32Array;
  n: number;
  count: Int32Array;
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  /** Edges to pixels outside the blob. */
  edges: Int32Array;
  /** The member component farthest in colour from the blob's surroundings. */
  far: Int32Array;
  /** Pixels of the blob between its text colour and its surroundings (the anti-aliased or shaded rim). */
  rim: Int32Array;
  /** The blob touches surfaces of two different colours (an edge between areas, not a glyph on one). */
  multi: Uint8Array;
}

/** Non-container components that touch are joined; per blob: size, box, outer edges, and its most extreme member. */
function joinBlobs(image: RgbImage, comp: Components, container: Uint8Array): Blobs {
  const { width, height, data } = image;
  const { label } = comp;
  const parent = Int32Array.from({ length: comp.n }, (_, i) => i);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = label[row + x]!;
      if (container[l]) continue;
      if (x + 1 < width) {
        const q = label[row + x + 1]!;
        if (q !== l && !container[q]) unite(parent, l, q);
      }
      if (y + 1 < height) {
        const q = label[row + width + x]!;
        if (q !== l && !container[q]) unite(parent, l, q);
      }
    }
  }
  const of = new Int32Array(comp.n).fill(-1);
  let n = 0;
  const idOfRoot = new Int32Array(comp.n).fill(-1);
  for (let c = 0; c < comp.n; c++) {
    if (container[c]) continue;
    const r = find(parent, c);
    if (idOfRoot[r] === -1) idOfRoot[r] = n++;
    of[c] = idOfRoot[r]!;
  }
  const blobs: Blobs = {
    of,
    n,
    count: new Int32Array(n),
    x0: new Int32Array(n).fill(width),
    y0: new Int32Array(n).fill(height),
    x1: new Int32Array(n).fill(-1),
    y1: new Int32Array(n).fill(-1),
    edges: new Int32Array(n),
    far: new Int32Array(n).fill(-1),
    rim: new Int32Array(n),
    multi: new Uint8Array(n),
  };
  const touched = new Int32Array(n).fill(-1);
  const farD = new Float64Array(n);
  // The brightest/darkest member relative to the blob's neighbours is found per blob from the members' colours.
  const neighbourSum = new Float64Array(n * 4);
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0) continue;
    blobs.count[b]! += comp.count[c]!;
    if (comp.x0[c]! < blobs.x0[b]!) blobs.x0[b] = comp.x0[c]!;
    if (comp.y0[c]! < blobs.y0[b]!) blobs.y0[b] = comp.y0[c]!;
    if (comp.x1[c]! > blobs.x1[b]!) blobs.x1[b] = comp.x1[c]!;
    if (comp.y1[c]! > blobs.y1[b]!) blobs.y1[b] = comp.y1[c]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const l = label[p]!;
      const bl = of[l]!;
      const i = p * 3;
      if (x + 1 < width) {
        const q = label[p + 1]!;
        const bq = of[q]!;
        if (bl !== bq || bl < 0) outerEdge(blobs, neighbourSum, data, i, i + 3, bl, bq);
        if (bl >= 0 && bq < 0) touch(blobs, touched, comp.mode, bl, q);
        else if (bq >= 0 && bl < 0) touch(blobs, touched, comp.mode, bq, l);
      }
      if (y + 1 < height) {
        const q = label[p + width]!;
        const bq = of[q]!;
        if (bl !== bq || bl < 0) outerEdge(blobs, neighbourSum, data, i, i + width * 3, bl, bq);
        if (bl >= 0 && bq < 0) touch(blobs, touched, comp.mode, bl, q);
        else if (bq >= 0 && bl < 0) touch(blobs, touched, comp.mode, bq, l);
      }
    }
  }
  // The member whose mean colour is farthest from the mean colour just outside the blob.
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0) continue;
    const k = neighbourSum[b * 4 + 3]!;
    if (k === 0) continue;
    const cnt = comp.count[c]!;
    const d = Math.max(
      Math.abs(comp.sr[c]! / cnt - neighbourSum[b * 4]! / k),
      Math.abs(comp.sg[c]! / cnt - neighbourSum[b * 4 + 1]! / k),
      Math.abs(comp.sb[c]! / cnt - neighbourSum[b * 4 + 2]! / k),
    );
    // Weighted a little by size so a single stray pixel does not stand for the text colour.
    const score = d * Math.min(1, cnt / 4);
    if (blobs.far[b] === -1 || score > farD[b]!) {
      blobs.far[b] = c;
      farD[b] = score;
    }
  }
  // Rim: members much closer to the surroundings than the text colour is.
  const distOf = (c: number, b: number) => {
    const k = neighbourSum[b * 4 + 3]!;
    const cnt = comp.count[c]!;
    return Math.max(
      Math.abs(comp.sr[c]! / cnt - neighbourSum[b * 4]! / k),
      Math.abs(comp.sg[c]! / cnt - neighbourSum[b * 4 + 1]! / k),
      Math.abs(comp.sb[c]! / cnt - neighbourSum[b * 4 + 2]! / k),
    );
  };
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0 || blobs.far[b]! < 0 || neighbourSum[b * 4 + 3] === 0) continue;
    if (distOf(c, b) < 0.6 * distOf(blobs.far[b]!, b)) blobs.rim[b]! += comp.count[c]!;
  }
  return blobs;
}

/** Record which surface colours a blob touches. */
function touch(blobs: Blobs, touched: Int32Array, mode: Uint8Array, b: number, container: number): void {
  const m = mode[container]!;
  if (touched[b] === -1) touched[b] = m;
  else if (touched[b] !== m) blobs.multi[b] = 1;
}

function outerEdge(blobs: Blobs, neighbourSum: Float64Array, data: Uint8Array, i: number, j: number, bi: number, bj: number): void {
  if (bi === bj) return;
  if (bi >= 0) {
    blobs.edges[bi]!++;
    neighbourSum[bi * 4]! += data[j]!;
    neighbourSum[bi * 4 + 1]! += data[j + 1]!;
    neighbourSum[bi * 4 + 2]! += data[j + 2]!;
    neighbourSum[bi * 4 + 3]!++;
  }
  if (bj >= 0) {
    blobs.edges[bj]!++;
    neighbourSum[bj * 4]! += data[i]!;
    neighbourSum[bj * 4 + 1]! += data[i + 1]!;
    neighbourSum[bj * 4 + 2]! += data[i + 2]!;
    neighbourSum[bj * 4 + 3]!++;
  }
}

function unite(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
}

/** Glyphs chained into lines: same background colour, similar colour, aligned, close. */
function groupLines(glyphs: Glyph[], comp: Components): Glyph[][] {
  glyphs.sort((a, b) => a.x0 - b.x0);
  const parent = Int32Array.from(glyphs, (_, i) => i);
  for (let i = 0; i < glyphs.length; i++) {
    const a = glyphs[i]!;
    const ha = a.y1 - a.y0 + 1;
    for (let j = i + 1; j < glyphs.length; j++) {
      const b = glyphs[j]!;
      const hb = b.y1 - b.y0 + 1;
      const h = Math.max(ha, hb);
      if (b.x0 - a.x1 > 1.6 * h) {
        if (b.x0 - a.x1 > 1.6 * ha * 2.5) break;
        continue;
      }
      if (comp.mode[a.container] !== comp.mode[b.container]) continue;
      if (Math.max(ha, hb) > 2.6 * Math.min(ha, hb)) continue;
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
      if (overlap < 0.4 * Math.min(ha, hb)) continue;
      if (Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b)) > 40) continue;
      const ra = find(parent, i);
      const rb = find(parent, j);
      if (ra !== rb) parent[rb] = ra;
    }
  }
  const groups = new Map<number, Glyph[]>();
  glyphs.forEach((g, i) => {
    const r = find(parent, i);
    const list = groups.get(r);
    if (list) list.push(g);
    else groups.set(r, [g]);
  });
  const out: Glyph[][] = [];
  for (const members of groups.values()) {
    if (members.length >= 3) out.push(members);
    else if (members.length >= 1) {
      // A word drawn as one or two touching shapes: wide and with a long outline.
      const w = Math.max(...members.map((g) => g.x1)) - Math.min(...members.map((g) => g.x0)) + 1;
      const h = Math.max(...members.map((g) => g.y1)) - Math.min(...members.map((g) => g.y0)) + 1;
      const edges = members.reduce((sum, g) => sum + g.edges, 0);
      if (w >= 2.5 * h && edges >= 3 * (w + h)) out.push(members);
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

function describeLine(image: RgbImage, comp: Components, memberOf: Int32Array, members: Glyph[]): TextLine | null {
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
