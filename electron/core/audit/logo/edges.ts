import { luma, resample, type LogoTemplate } from './template';

/**
 * What the logo search compares: the image's luminance pyramid with its gradient directions, and
 * a logo file at a given size as edge points (offsets, unit directions, and the kind of edge each
 * lies on — which two of the logo's colours meet there). `agreement` scores the points at a
 * place: per kind, the sum of cosines with the image's gradients, its absolute value summed over
 * the kinds, so a logo matches light on dark or recoloured while texture cancels.
 */

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
export interface Samples {
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
export function samplesOf(template: LogoTemplate, tw: number, th: number, max: number): Samples | null {
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

/** Per-kind sums of one evaluation (reused: evaluations never overlap). */
const sums = new Float64Array(8);

export function offsets(s: Samples, w: number): Int32Array {
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

/** The plain sum over the kinds: positive when light and dark are as in the file. */
const signedTotal = (kinds: number) => {
  let signed = 0;
  for (let g = 0; g < kinds; g++) signed += sums[g]!;
  return signed;
};

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
export function agreement(level: Level, s: Samples, x: number, y: number): { score: number; signed: number } {
  sums.fill(0, 0, s.kinds);
  accumulate(level, s, offsets(s, level.w), y * level.w + x, 0, s.n);
  return { score: total(s.kinds) / s.n, signed: signedTotal(s.kinds) / s.n };
}


/** A position whose first third agrees less than this share of the weakest kept candidate is not read further. */
const EARLY_EXIT = 0.7;

/**
 * `agreement` at a level offset when it beats `floor`, reading the first third of the samples
 * (every kind's, scattered) before the rest; null as soon as it cannot.
 */
export function agreementAbove(level: Level, s: Samples, off: Int32Array, base: number, floor: number): { score: number; signed: number } | null {
  sums.fill(0, 0, s.kinds);
  accumulate(level, s, off, base, 0, s.head);
  if (total(s.kinds) / s.head < floor * EARLY_EXIT) return null;
  accumulate(level, s, off, base, s.head, s.n);
  const score = total(s.kinds) / s.n;
  return score > floor ? { score, signed: signedTotal(s.kinds) / s.n } : null;
}

/** Standard deviation of the level over a box, from its integral images. */
export function boxStd(level: Level, x: number, y: number, w: number, h: number): number {
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
