import { polishAspect } from './aspect';
import { luma, resample, type LogoTemplate } from './template';

/**
 * Where a brand's logo is in an image: multi-scale shape matching on an image pyramid. The score
 * is the agreement of gradient directions (the logo's edges against the image's, each normalised
 * so that contrast does not count), summed with its sign within each kind of edge of the logo
 * (between the same two of its colours): a logo matches whatever it was recoloured to or placed
 * on, light on dark or dark on light, while edges of a photograph or of text point every way and
 * cancel. A coarse pass tries every other position at widths from 4 % of the image to all of it,
 * each on the pyramid level where the logo is about 24 pixels wide and 8 high, with flat windows
 * skipped; the best candidates are refined on finer levels over position, scale and aspect ratio
 * (a stretched logo is found, and its stretch measured).
 */

export interface LogoMatch {
  template: LogoTemplate;
  /** Box in analysis pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** |normalised cross-correlation| at the refined match, 0..1. */
  score: number;
  /** The match's width/height over the template's: 1 = undistorted. */
  aspect: number;
  /** +1 when light and dark are as in the file, −1 when inverted. */
  polarity: 1 | -1;
}

export interface LocateOptions {
  /** Narrowest logo searched for, as a share of the image width. */
  minWidthShare: number;
  /** Coarse candidates placed one level down per template and aspect. */
  refine: number;
  /** Placed candidates whose shape is refined. */
  shape: number;
}

export const DEFAULT_LOCATE: LocateOptions = { minWidthShare: 0.04, refine: 12, shape: 3 };

export interface Level {
  w: number;
  h: number;
  lum: Float32Array;
  /** Luminance gradient per pixel, scaled to unit length where it is an edge (weaker gradients stay shorter). */
  gx: Float32Array;
  gy: Float32Array;
  /** Integral images of luminance and its square ((w+1) × (h+1)), for skipping flat windows. */
  sum: Float64Array;
  sq: Float64Array;
}

/** A luminance step of this much per pixel (0..255) counts as a full edge; noise and grain stay below. */
const EDGE = 6;

function integrals(lum: Float32Array, w: number, h: number): { sum: Float64Array; sq: Float64Array } {
  const sum = new Float64Array((w + 1) * (h + 1));
  const sq = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rq = 0;
    for (let x = 0; x < w; x++) {
      const v = lum[y * w + x]!;
      rs += v;
      rq += v * v;
      sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1]! + rs;
      sq[(y + 1) * (w + 1) + x + 1] = sq[y * (w + 1) + x + 1]! + rq;
    }
  }
  return { sum, sq };
}

/** Central-difference gradient of a single-channel image, normalised as EDGE says (zero on the border). */
function gradient(lum: Float32Array, w: number, h: number): { gx: Float32Array; gy: Float32Array; mag: Float32Array } {
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const dx = (lum[i + 1]! - lum[i - 1]!) / 2;
      const dy = (lum[i + w]! - lum[i - w]!) / 2;
      const m = Math.sqrt(dx * dx + dy * dy);
      const k = 1 / Math.max(m, EDGE);
      gx[i] = dx * k;
      gy[i] = dy * k;
      mag[i] = m;
    }
  }
  return { gx, gy, mag };
}

function half(lum: Float32Array, w: number, h: number): { lum: Float32Array; w: number; h: number } {
  const hw = w >> 1;
  const hh = h >> 1;
  const out = new Float32Array(hw * hh);
  for (let y = 0; y < hh; y++) {
    for (let x = 0; x < hw; x++) {
      const i = 2 * y * w + 2 * x;
      out[y * hw + x] = (lum[i]! + lum[i + 1]! + lum[i + w]! + lum[i + w + 1]!) / 4;
    }
  }
  return { lum: out, w: hw, h: hh };
}

/** The image's luminance pyramid with its gradients, down to about 48 pixels on the long side. */
export function pyramid(rgb: Uint8Array, width: number, height: number): Level[] {
  let lum: Float32Array = new Float32Array(width * height);
  for (let p = 0, i = 0; p < lum.length; p++, i += 3) lum[p] = luma(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
  let w = width;
  let h = height;
  const levels: Level[] = [];
  for (;;) {
    const { gx, gy } = gradient(lum, w, h);
    levels.push({ w, h, lum, gx, gy, ...integrals(lum, w, h) });
    if (Math.max(w, h) < 96) break;
    ({ lum, w, h } = half(lum, w, h));
  }
  return levels;
}

/**
 * The template at one size as edge points: offsets, unit gradient directions, and the kind of
 * edge each lies on (which two of the logo's colours meet there), whose signs are summed apart.
 */
interface Samples {
  tw: number;
  th: number;
  dx: Int32Array;
  dy: Int32Array;
  ux: Float32Array;
  uy: Float32Array;
  kind: Uint8Array;
  kinds: number;
  n: number;
  /** The first `head` samples are a spread-out third of every kind: enough to reject a position early. */
  head: number;
  /** Offsets into a level `offWidth` pixels wide (dy · width + dx), made when first needed. */
  off: Int32Array;
  offWidth: number;
}

/** The logo's own colours (and its background): the commonest colours of the canonical raster. */
function coloursOf(template: LogoTemplate): number[][] {
  const counts = new Map<number, { n: number; r: number; g: number; b: number }>();
  const { rgb } = template;
  for (let i = 0; i < rgb.length; i += 3) {
    const key = ((rgb[i]! >> 5) << 6) | ((rgb[i + 1]! >> 5) << 3) | (rgb[i + 2]! >> 5);
    const c = counts.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    c.n++;
    c.r += rgb[i]!;
    c.g += rgb[i + 1]!;
    c.b += rgb[i + 2]!;
    counts.set(key, c);
  }
  const total = rgb.length / 3;
  return [...counts.values()]
    .filter((c) => c.n >= 0.02 * total)
    .sort((a, b) => b.n - a.n)
    .slice(0, 5)
    .map((c) => [c.r / c.n, c.g / c.n, c.b / c.n]);
}

const colours = new WeakMap<LogoTemplate, number[][]>();

function nearestColour(palette: number[][], r: number, g: number, b: number): number {
  let best = 0;
  let bestD = Infinity;
  palette.forEach((c, i) => {
    const d = (c[0]! - r) ** 2 + (c[1]! - g) ** 2 + (c[2]! - b) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  });
  return best;
}

const sampled = new WeakMap<LogoTemplate, Map<string, Samples | null>>();

/** The template's samples at a size, made once per template and size (refinement asks for the same sizes often). */
function samplesOf(template: LogoTemplate, tw: number, th: number, max: number): Samples | null {
  if (tw < 6 || th < 4) return null;
  let memo = sampled.get(template);
  if (!memo) {
    memo = new Map();
    sampled.set(template, memo);
  }
  const key = `${tw}x${th}/${max}`;
  if (!memo.has(key)) memo.set(key, makeSamples(template, tw, th, max));
  return memo.get(key)!;
}

/** Edge points of a group this small join the shared group (too few to cancel noise on their own). */
const MIN_KIND = 6;

function makeSamples(template: LogoTemplate, tw: number, th: number, max: number): Samples | null {
  const { width: W, height: H } = template;
  const lum = resample(template.lum, W, H, tw, th);
  const { gx, gy, mag } = gradient(lum, tw, th);
  let palette = colours.get(template);
  if (!palette) {
    palette = coloursOf(template);
    colours.set(template, palette);
  }
  // The logo's edges: where the gradient is at least half a full edge, a point per pixel.
  const idx: number[] = [];
  for (let i = 0; i < tw * th; i++) if (mag[i]! >= EDGE / 2) idx.push(i);
  const stride = Math.max(1, Math.ceil(idx.length / max));
  const picked = idx.filter((_, k) => k % stride === 0);
  const n = picked.length;
  // Too few edge points fit anything (a sliver along a band's edge).
  if (n < 24) return null;
  const dx = new Int32Array(n);
  const dy = new Int32Array(n);
  const ux = new Float32Array(n);
  const uy = new Float32Array(n);
  const pairs = new Map<number, number[]>();
  picked.forEach((i, k) => {
    const x = i % tw;
    const y = (i / tw) | 0;
    const m = Math.sqrt(gx[i]! * gx[i]! + gy[i]! * gy[i]!) || 1;
    dx[k] = x;
    dy[k] = y;
    ux[k] = gx[i]! / m;
    uy[k] = gy[i]! / m;
    // The colours on either side of the edge, a pixel and a half along its gradient.
    const side = (s: number) => {
      const sx = Math.min(W - 1, Math.max(0, Math.round(((x + 0.5 + s * 1.5 * ux[k]!) * W) / tw)));
      const sy = Math.min(H - 1, Math.max(0, Math.round(((y + 0.5 + s * 1.5 * uy[k]!) * H) / th)));
      const j = (sy * W + sx) * 3;
      return nearestColour(palette, template.rgb[j]!, template.rgb[j + 1]!, template.rgb[j + 2]!);
    };
    const a = side(-1);
    const c = side(1);
    const pair = Math.min(a, c) * 8 + Math.max(a, c);
    const members = pairs.get(pair);
    if (members) members.push(k);
    else pairs.set(pair, [k]);
  });
  const kindOf = new Uint8Array(n);
  let kinds = 1;
  for (const members of [...pairs.values()].sort((p, q) => q.length - p.length)) {
    if (members.length < MIN_KIND || kinds >= 8) continue;
    for (const k of members) kindOf[k] = kinds;
    kinds++;
  }
  // Every kind's samples in a scattered order (a fixed permutation, so results repeat), the first third of each up front.
  const byKind: number[][] = Array.from({ length: kinds }, () => []);
  for (let k = 0; k < n; k++) byKind[kindOf[k]!]!.push(k);
  let seed = 0x9e3779b9;
  const next = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
  for (const list of byKind) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  const heads = byKind.flatMap((list) => list.slice(0, Math.ceil(list.length / 3)));
  const order = [...heads, ...byKind.flatMap((list) => list.slice(Math.ceil(list.length / 3)))];
  const pick = <T extends Int32Array | Float32Array | Uint8Array>(from: T, make: (n: number) => T): T => {
    const out = make(n);
    order.forEach((k, i) => (out[i] = from[k]!));
    return out;
  };
  return {
    tw,
    th,
    dx: pick(dx, (m) => new Int32Array(m)),
    dy: pick(dy, (m) => new Int32Array(m)),
    ux: pick(ux, (m) => new Float32Array(m)),
    uy: pick(uy, (m) => new Float32Array(m)),
    kind: pick(kindOf, (m) => new Uint8Array(m)),
    kinds,
    n,
    head: heads.length,
    off: new Int32Array(n),
    offWidth: -1,
  };
}

const sums = new Float64Array(8);

function offsets(s: Samples, w: number): Int32Array {
  if (s.offWidth !== w) {
    for (let k = 0; k < s.n; k++) s.off[k] = s.dy[k]! * w + s.dx[k]!;
    s.offWidth = w;
  }
  return s.off;
}

/** Add samples [from, to) at `base` into `sums` per kind. */
function accumulate(level: Level, s: Samples, off: Int32Array, base: number, from: number, to: number): void {
  const { gx, gy } = level;
  const { ux, uy, kind } = s;
  for (let k = from; k < to; k++) {
    const p = base + off[k]!;
    sums[kind[k]!]! += ux[k]! * gx[p]! + uy[k]! * gy[p]!;
  }
}

const total = (kinds: number) => {
  let score = 0;
  for (let g = 0; g < kinds; g++) score += Math.abs(sums[g]!);
  return score;
};

/**
 * Agreement of the samples with the level's gradients at (x, y): per kind of edge the sum of
 * cosines, its absolute value summed over the kinds, over the number of samples (0..1). `signed`
 * is the plain sum: positive when light and dark are as in the file.
 */
function agreement(level: Level, s: Samples, x: number, y: number): { score: number; signed: number } {
  sums.fill(0, 0, s.kinds);
  accumulate(level, s, offsets(s, level.w), y * level.w + x, 0, s.n);
  let signed = 0;
  for (let g = 0; g < s.kinds; g++) signed += sums[g]!;
  return { score: total(s.kinds) / s.n, signed: signed / s.n };
}

/** A position whose first third agrees less than this share of the weakest kept candidate is not read further. */
const EARLY_EXIT = 0.7;

/** Standard deviation of the level over a box, from its integral images. */
function boxStd(level: Level, x: number, y: number, w: number, h: number): number {
  const W = level.w + 1;
  const a = y * W + x;
  const b = y * W + x + w;
  const c = (y + h) * W + x;
  const d = (y + h) * W + x + w;
  const n = w * h;
  const s = level.sum[d]! - level.sum[b]! - level.sum[c]! + level.sum[a]!;
  const q = level.sq[d]! - level.sq[b]! - level.sq[c]! + level.sq[a]!;
  return Math.sqrt(Math.max(0, q / n - (s / n) ** 2));
}

interface Candidate {
  template: LogoTemplate;
  level: number;
  /** Width/height over the template's. */
  aspect: number;
  /** Level-0 box. */
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
  signed: number;
}

/** Best positions of one template at one size on one level (every other position; strongest first). */
function scan(level: Level, scale: number, s: Samples, template: LogoTemplate, aspect: number, keep: number): Candidate[] {
  const out: Candidate[] = [];
  const off = offsets(s, level.w);
  let floor = 0;
  for (let y = 0; y + s.th <= level.h; y += 2) {
    for (let x = 0; x + s.tw <= level.w; x += 2) {
      // A flat window holds no logo: skip it before matching.
      if (boxStd(level, x, y, s.tw, s.th) < 4) continue;
      const base = y * level.w + x;
      sums.fill(0, 0, s.kinds);
      accumulate(level, s, off, base, 0, s.head);
      if (total(s.kinds) / s.head < floor * EARLY_EXIT) continue;
      accumulate(level, s, off, base, s.head, s.n);
      const score = total(s.kinds) / s.n;
      if (score <= floor) continue;
      let signed = 0;
      for (let g = 0; g < s.kinds; g++) signed += sums[g]!;
      signed /= s.n;
      out.push({ template, level: 0, aspect, x: x * scale, y: y * scale, w: s.tw * scale, h: s.th * scale, score, signed });
      if (out.length > keep * 8) {
        out.sort((a, b) => b.score - a.score);
        out.length = keep * 4;
        floor = out[out.length - 1]!.score;
      }
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, keep * 4);
}

const iou = (a: Candidate, b: Candidate) => {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const i = ix * iy;
  return i / (a.w * a.h + b.w * b.h - i);
};

/** The candidates worth refining: the strongest that are not the same box as a stronger one. */
function suppress(candidates: Candidate[], keep: number): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score)) {
    if (out.some((o) => iou(o, c) > 0.5)) continue;
    out.push(c);
    if (out.length >= keep) break;
  }
  return out;
}

/** Sizes and places tried around a candidate on a level, keeping the best. */
function refiner(levels: Level[], c: Candidate, minW: number) {
  const t = c.template;
  let best: Candidate = { ...c, score: -1, signed: 0 };
  const tryAt = (li: number, cx: number, cy: number, w: number, aspect: number, maxSamples: number) => {
    // Smaller than searched for: a few edge points fit anything.
    if (w < minW) return;
    const level = levels[li]!;
    const scale = 2 ** li;
    const tw = Math.round(w / scale);
    const th = Math.round(w / (t.aspect * aspect) / scale);
    if (tw > level.w || th > level.h) return;
    const s = samplesOf(t, tw, th, maxSamples);
    if (!s) return;
    const x = Math.round(cx / scale - tw / 2);
    const y = Math.round(cy / scale - th / 2);
    if (x < 0 || y < 0 || x + tw > level.w || y + th > level.h) return;
    const { score, signed } = agreement(level, s, x, y);
    if (score > best.score) best = { template: t, level: li, aspect, x: x * scale, y: y * scale, w: tw * scale, h: th * scale, score, signed };
  };
  const sweep = (li: number, reach: number, scales: readonly number[], aspects: readonly number[], maxSamples: number) => {
    const from = best.score < 0 ? c : best;
    const cx = from.x + from.w / 2;
    const cy = from.y + from.h / 2;
    const step = 2 ** li;
    for (const a of aspects) for (const f of scales) for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) tryAt(li, cx + dx * step, cy + dy * step, from.w * f, a, maxSamples);
  };
  return { tryAt, sweep, best: () => best };
}

/** A coarse candidate placed and sized one level down: cheap enough to do for every candidate. */
function place(levels: Level[], c: Candidate, minW: number): Candidate {
  const r = refiner(levels, c, minW);
  const fine = Math.max(0, c.level - 1);
  r.sweep(fine, 2 ** (c.level - fine) + 1, [0.9, 0.95, 1, 1.05, 1.1], [c.aspect], 240);
  const best = r.best();
  return { ...best, level: c.level };
}

/**
 * A placed candidate's shape: its aspect ratio (a stretched logo widens or narrows about its
 * centre, keeping its height or its width), then position, scale and aspect polished two levels
 * further down, the stretch to within a few per cent (it is reported to the designer).
 */
function shape(levels: Level[], c: Candidate, minW: number): Candidate {
  const r = refiner(levels, c, minW);
  const t = c.template;
  const fine = Math.max(0, c.level - 1);
  const { x, y, w, h } = c;
  const aspects = [0.55, 0.62, 0.7, 0.78, 0.87, 0.93, 1, 1.07, 1.15, 1.28, 1.42, 1.6, 1.8];
  for (const a of aspects) {
    r.tryAt(fine, x + w / 2, y + h / 2, w, a, 240);
    r.tryAt(fine, x + w / 2, y + h / 2, h * t.aspect * a, a, 240);
  }
  const finest = Math.max(0, c.level - 2);
  const aspect = r.best().aspect;
  r.sweep(finest, 2, [0.97, 1, 1.03], [aspect * 0.96, aspect, aspect * 1.04], 480);
  const polished = r.best().aspect;
  r.sweep(finest, 1, [0.98, 1, 1.02], [0.94, 0.96, 0.98, 1.02, 1.04, 1.06].map((f) => polished * f).concat(polished), 480);
  // The last percent on the full-resolution image: a logo within its distortion limit must measure so.
  const last = r.best().aspect;
  r.sweep(0, 1, [0.99, 1, 1.01], [0.97, 0.98, 0.99, 1, 1.01, 1.02, 1.03].map((f) => last * f), 960);
  return r.best();
}

/** At the coarse level a logo is about this many pixels wide and high (up to twice as many), described by at most COARSE_SAMPLES points. */
const COARSE_PX = 24;
const COARSE_HIGH = 8;
const COARSE_SAMPLES = 96;

/** The narrowest logo searched for, in level-0 pixels. */
const minWidth = (base: Level, options: LocateOptions) => Math.max(20, options.minWidthShare * base.w);

/** Coarse candidates of one template at the given aspect ratios, over every width searched. */
function coarse(levels: Level[], template: LogoTemplate, aspects: readonly number[], options: LocateOptions): Candidate[] {
  const base = levels[0]!;
  const out: Candidate[] = [];
  for (const aspect of aspects) {
    const minW = minWidth(base, options);
    const maxW = Math.min(base.w, base.h * template.aspect * aspect) * 0.98;
    // Widths 9 % apart: at the coarse level a logo a little off its size already matches poorly.
    for (let w = minW; w <= maxW; w *= 2 ** 0.125) {
      const h = w / (template.aspect * aspect);
      // Coarse, but enough to tell a logo from a block or a line of text: a wide logo keeps some height.
      const li = Math.min(levels.length - 1, Math.max(0, Math.floor(Math.log2(Math.min(w / COARSE_PX, h / COARSE_HIGH)))));
      const level = levels[li]!;
      const scale = 2 ** li;
      const s = samplesOf(template, Math.round(w / scale), Math.round(h / scale), COARSE_SAMPLES);
      if (!s || s.tw > level.w || s.th > level.h) continue;
      for (const c of scan(level, scale, s, template, aspect, 3)) out.push({ ...c, level: li });
    }
  }
  return out;
}

/** A refined score this high is taken as the logo without trying the other templates or aspect ratios. */
const CONFIDENT = 0.75;

/**
 * The best match of any of the templates, or null when nothing matches at all. The caller
 * decides what score counts as found. Templates are tried in the given order (the likelier
 * variant first); a confident match ends the search, so an image showing its logo costs one
 * template, and only a miss tries the likeliest file stretched at the coarse level too.
 */
export function locateLogo(levels: Level[], templates: readonly LogoTemplate[], options: LocateOptions = DEFAULT_LOCATE): LogoMatch | null {
  let best: Candidate | null = null;
  // A little under the coarse pass's narrowest: refinement may shrink a match by a tenth.
  const minW = 0.9 * minWidth(levels[0]!, options);
  const consider = (candidates: Candidate[]) => {
    // Every candidate placed one level down; the best few shaped (a true logo can rank low at the coarse level).
    const placed = suppress(candidates, options.refine).map((c) => place(levels, c, minW)).filter((c) => c.score >= 0);
    for (const c of placed.sort((a, b) => b.score - a.score).slice(0, options.shape)) {
      const r = shape(levels, c, minW);
      if (!best || r.score > best.score) best = r;
    }
  };
  for (const template of templates) {
    consider(coarse(levels, template, [1], options));
    if (best && (best as Candidate).score >= CONFIDENT) break;
  }
  // Not found as drawn: the likeliest file, stretched (width or height by about half).
  if (!best || (best as Candidate).score < CONFIDENT) for (const aspect of [0.68, 1.47]) consider(coarse(levels, templates[0]!, [aspect], options));
  const b = best as Candidate | null;
  if (!b) return null;
  const match: LogoMatch = { template: b.template, x: b.x, y: b.y, w: b.w, h: b.h, score: b.score, aspect: b.aspect, polarity: b.signed >= 0 ? 1 : -1 };
  return b.signed > 0 ? polishAspect(levels, match) : match;
}
