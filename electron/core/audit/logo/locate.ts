import { luma, resample, type LogoTemplate } from './template';

/**
 * Where a brand's logo is in an image: multi-scale template matching by normalised cross-
 * correlation of luminance over the logo and a thin halo around it (so a busy background beyond
 * the halo does not count), on an image pyramid. A coarse pass tries every other position at
 * widths from 4 % of the image to all of it, each on the pyramid level where the logo is 20–40
 * pixels wide, with flat windows skipped; the best few are refined on finer levels over position,
 * scale and aspect ratio (a stretched logo is found, and its stretch measured). The absolute
 * correlation is used, so a logo that is lighter than its background still matches.
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
  /** Coarse candidates refined per image. */
  refine: number;
}

export const DEFAULT_LOCATE: LocateOptions = { minWidthShare: 0.04, refine: 6 };

interface Level {
  w: number;
  h: number;
  lum: Float32Array;
  /** Integral images of luminance and its square ((w+1) × (h+1)), for skipping flat windows. */
  sum: Float64Array;
  sq: Float64Array;
}

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

/** The image's luminance pyramid, down to about 48 pixels on the long side. */
export function pyramid(rgb: Uint8Array, width: number, height: number): Level[] {
  let lum: Float32Array = new Float32Array(width * height);
  for (let p = 0, i = 0; p < lum.length; p++, i += 3) lum[p] = luma(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
  let w = width;
  let h = height;
  const levels: Level[] = [];
  for (;;) {
    levels.push({ w, h, lum, ...integrals(lum, w, h) });
    if (Math.max(w, h) < 96) break;
    ({ lum, w, h } = half(lum, w, h));
  }
  return levels;
}

/** The template at one size as sample points: offsets and zero-mean, unit-norm values. */
interface Samples {
  tw: number;
  th: number;
  dx: Int32Array;
  dy: Int32Array;
  t: Float32Array;
  n: number;
}

/** Ink dilated by a halo (a tenth of the logo's height): what the correlation looks at, so the background beyond it does not count. */
function weightMap(template: LogoTemplate): Float32Array {
  const { width: w, height: h, ink, opaque } = template;
  const out = new Float32Array(w * h);
  if (opaque) return out.fill(1);
  const r = Math.max(2, Math.round(0.1 * Math.min(w, h)));
  // Separable dilation: rows, then columns.
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -Infinity;
    for (let x = 0; x < w; x++) {
      if (ink[y * w + x]) last = x;
      if (x - last <= r) rows[y * w + x] = 1;
    }
    last = Infinity;
    for (let x = w - 1; x >= 0; x--) {
      if (ink[y * w + x]) last = x;
      if (last - x <= r) rows[y * w + x] = 1;
    }
  }
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h; y++) {
      if (rows[y * w + x]) last = y;
      if (y - last <= r) out[y * w + x] = 1;
    }
    last = Infinity;
    for (let y = h - 1; y >= 0; y--) {
      if (rows[y * w + x]) last = y;
      if (last - y <= r) out[y * w + x] = 1;
    }
  }
  return out;
}

const weights = new WeakMap<LogoTemplate, Float32Array>();

function weightOf(template: LogoTemplate): Float32Array {
  let w = weights.get(template);
  if (!w) {
    w = weightMap(template);
    weights.set(template, w);
  }
  return w;
}

const sampled = new WeakMap<LogoTemplate, Map<string, Samples | null>>();

/** The template's samples at a size, made once per template and size (refinement asks for the same sizes often). */
function samplesOf(template: LogoTemplate, tw: number, th: number, max: number): Samples | null {
  if (tw < 4 || th < 3) return null;
  let memo = sampled.get(template);
  if (!memo) {
    memo = new Map();
    sampled.set(template, memo);
  }
  const key = `${tw}x${th}/${max}`;
  if (!memo.has(key)) memo.set(key, makeSamples(template, tw, th, max));
  return memo.get(key)!;
}

function makeSamples(template: LogoTemplate, tw: number, th: number, max: number): Samples | null {
  const lum = resample(template.lum, template.width, template.height, tw, th);
  const wm = resample(weightOf(template), template.width, template.height, tw, th);
  const idx: number[] = [];
  for (let i = 0; i < tw * th; i++) if (wm[i]! >= 0.5) idx.push(i);
  const stride = Math.max(1, Math.ceil(idx.length / max));
  const picked = idx.filter((_, k) => k % stride === 0);
  const n = picked.length;
  if (n < 8) return null;
  let mean = 0;
  for (const i of picked) mean += lum[i]!;
  mean /= n;
  let norm = 0;
  for (const i of picked) norm += (lum[i]! - mean) ** 2;
  if (norm < 1e-6) return null;
  norm = Math.sqrt(norm);
  const dx = new Int32Array(n);
  const dy = new Int32Array(n);
  const t = new Float32Array(n);
  picked.forEach((i, k) => {
    dx[k] = i % tw;
    dy[k] = (i / tw) | 0;
    t[k] = (lum[i]! - mean) / norm;
  });
  return { tw, th, dx, dy, t, n };
}

/** Signed NCC of the samples with the level's luminance at (x, y), or 0 where the window is flat. */
function ncc(level: Level, s: Samples, x: number, y: number): number {
  const { lum, w } = level;
  let st = 0;
  let sx = 0;
  let sq = 0;
  const base = y * w + x;
  for (let k = 0; k < s.n; k++) {
    const v = lum[base + s.dy[k]! * w + s.dx[k]!]!;
    st += s.t[k]! * v;
    sx += v;
    sq += v * v;
  }
  const variance = sq - (sx * sx) / s.n;
  return variance > s.n * 4 ? st / Math.sqrt(variance) : 0;
}

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
  let floor = 0;
  for (let y = 0; y + s.th <= level.h; y += 2) {
    for (let x = 0; x + s.tw <= level.w; x += 2) {
      // A flat window holds no logo: skip it before correlating.
      if (boxStd(level, x, y, s.tw, s.th) < 4) continue;
      const signed = ncc(level, s, x, y);
      const score = Math.abs(signed);
      if (score <= floor) continue;
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

const overlap = (a: Candidate, b: Candidate) => {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (ix * iy) / Math.min(a.w * a.h, b.w * b.h);
};

/**
 * The candidates worth refining: the strongest that do not overlap a stronger one, plus the
 * strongest of each octave of width (a small part of the logo can correlate as well as the whole
 * at the coarse level; refinement tells them apart).
 */
function suppress(candidates: Candidate[], keep: number): Candidate[] {
  const out: Candidate[] = [];
  const sorted = candidates.sort((a, b) => b.score - a.score);
  for (const c of sorted) {
    if (out.some((o) => overlap(o, c) > 0.5)) continue;
    out.push(c);
    if (out.length >= keep) break;
  }
  const octaves = new Set(out.map((c) => Math.floor(Math.log2(c.w))));
  for (const c of sorted) {
    const octave = Math.floor(Math.log2(c.w));
    if (octaves.has(octave)) continue;
    octaves.add(octave);
    out.push(c);
  }
  return out;
}

/**
 * Refine a coarse candidate on finer levels: one level down, position and scale, then the aspect
 * ratio (a stretched logo); two levels down, a last polish of all three.
 */
function refine(levels: Level[], c: Candidate): Candidate {
  const t = c.template;
  let best: Candidate = { ...c, score: -1, signed: 0 };
  const tryAt = (li: number, cx: number, cy: number, w: number, aspect: number, maxSamples: number) => {
    const level = levels[li]!;
    const scale = 2 ** li;
    const tw = Math.round(w / scale);
    const th = Math.round(w / (t.aspect * aspect) / scale);
    if (tw < 4 || th < 3 || tw > level.w || th > level.h) return;
    const s = samplesOf(t, tw, th, maxSamples);
    if (!s) return;
    const x = Math.round(cx / scale - tw / 2);
    const y = Math.round(cy / scale - th / 2);
    if (x < 0 || y < 0 || x + tw > level.w || y + th > level.h) return;
    const signed = ncc(level, s, x, y);
    if (Math.abs(signed) > best.score) best = { template: t, level: li, aspect, x: x * scale, y: y * scale, w: tw * scale, h: th * scale, score: Math.abs(signed), signed };
  };
  const sweep = (li: number, reach: number, scales: readonly number[], aspects: readonly number[], maxSamples: number) => {
    const from = best.score < 0 ? c : best;
    const cx = from.x + from.w / 2;
    const cy = from.y + from.h / 2;
    const step = 2 ** li;
    for (const a of aspects) for (const f of scales) for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) tryAt(li, cx + dx * step, cy + dy * step, from.w * f, a, maxSamples);
  };
  const fine = Math.max(0, c.level - 1);
  sweep(fine, 2 ** (c.level - fine) + 1, [0.9, 0.95, 1, 1.05, 1.1], [c.aspect], 240);
  // Stretching widens or narrows the logo about its centre, keeping its height or its width.
  const { x, y, w, h } = best.score < 0 ? c : best;
  const aspects = [0.55, 0.62, 0.7, 0.78, 0.87, 0.93, 1, 1.07, 1.15, 1.28, 1.42, 1.6, 1.8];
  for (const a of aspects) {
    tryAt(fine, x + w / 2, y + h / 2, w, a, 240);
    tryAt(fine, x + w / 2, y + h / 2, h * t.aspect * a, a, 240);
  }
  sweep(Math.max(0, c.level - 2), 2, [0.97, 1, 1.03], [best.aspect * 0.96, best.aspect, best.aspect * 1.04], 480);
  // The stretch to within a few per cent: it is reported to the designer.
  sweep(Math.max(0, c.level - 2), 1, [0.98, 1, 1.02], [0.94, 0.96, 0.98, 1.02, 1.04, 1.06].map((f) => best.aspect * f).concat(best.aspect), 480);
  return best;
}

/** At the coarse level a logo is this many pixels wide (up to twice as many), described by at most COARSE_SAMPLES points. */
const COARSE_PX = 20;
const COARSE_SAMPLES = 64;

/** Coarse candidates of one template at the given aspect ratios, over every width searched. */
function coarse(levels: Level[], template: LogoTemplate, aspects: readonly number[], options: LocateOptions): Candidate[] {
  const base = levels[0]!;
  const out: Candidate[] = [];
  for (const aspect of aspects) {
    const minW = Math.max(20, options.minWidthShare * base.w);
    const maxW = Math.min(base.w, base.h * template.aspect * aspect) * 0.98;
    // Widths 9 % apart: at the coarse level a logo a little off its size already correlates poorly.
    for (let w = minW; w <= maxW; w *= 2 ** 0.125) {
      // The level where the logo is 20–40 pixels wide: coarse, but enough to tell a logo from a block.
      const li = Math.min(levels.length - 1, Math.max(0, Math.floor(Math.log2(w / COARSE_PX))));
      const level = levels[li]!;
      const scale = 2 ** li;
      const s = samplesOf(template, Math.round(w / scale), Math.round(w / (template.aspect * aspect) / scale), COARSE_SAMPLES);
      if (!s || s.tw > level.w || s.th > level.h) continue;
      for (const c of scan(level, scale, s, template, aspect, 3)) out.push({ ...c, level: li });
    }
  }
  return out;
}

/** A refined score this high is taken as the logo without trying the other templates or aspect ratios. */
const CONFIDENT = 0.85;

/**
 * The best match of any of the templates, or null when nothing correlates at all. The caller
 * decides what score counts as found. Templates are tried in the given order (the likelier
 * variant first); a confident match ends the search, so an image showing its logo costs one
 * template, and only a miss tries the likeliest file stretched at the coarse level too.
 */
export function locateLogo(levels: Level[], templates: readonly LogoTemplate[], options: LocateOptions = DEFAULT_LOCATE): LogoMatch | null {
  let best: Candidate | null = null;
  const consider = (candidates: Candidate[]) => {
    for (const c of suppress(candidates, options.refine)) {
      const r = refine(levels, c);
      if (r.score >= 0 && (!best || r.score > best.score)) best = r;
    }
  };
  for (const template of templates) {
    consider(coarse(levels, template, [1], options));
    if (best && (best as Candidate).score >= CONFIDENT) break;
  }
  // Not found as drawn: the likeliest file, stretched (width or height by about half).
  if (!best || (best as Candidate).score < CONFIDENT) consider(coarse(levels, templates[0]!, [0.68, 1.47], options));
  const b = best as Candidate | null;
  return b ? { template: b.template, x: b.x, y: b.y, w: b.w, h: b.h, score: b.score, aspect: b.aspect, polarity: b.signed >= 0 ? 1 : -1 } : null;
}
