import type { Level } from './edges';
import type { LogoMatch } from './locate';
import { resample, type LogoTemplate } from './template';

/**
 * The located logo's stretch, to the percent. Gradient directions find the logo whatever its
 * colours, but text rendered at another size moves its edges by a pixel or two, which they read
 * as a few per cent of stretch; luminance correlation over the logo and a thin halo averages that
 * out. Used where the logo kept its light and dark (a recoloured or inverted logo keeps the
 * stretch the shape match measured).
 */

/** The template at one size as sample points: offsets and zero-mean, unit-norm luminance. */
interface LumSamples {
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

const sampled = new WeakMap<LogoTemplate, Map<string, LumSamples | null>>();

/** The template's samples at a size, made once per template and size (refinement asks for the same sizes often). */
function lumSamplesOf(template: LogoTemplate, tw: number, th: number, max: number): LumSamples | null {
  if (tw < 4 || th < 3) return null;
  let memo = sampled.get(template);
  if (!memo) {
    memo = new Map();
    sampled.set(template, memo);
  }
  const key = `${tw}x${th}/${max}`;
  if (!memo.has(key)) memo.set(key, makeLumSamples(template, tw, th, max));
  return memo.get(key)!;
}

function makeLumSamples(template: LogoTemplate, tw: number, th: number, max: number): LumSamples | null {
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
function ncc(level: Level, s: LumSamples, x: number, y: number): number {
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

/** Correlation this high says the logo kept its own light and dark: its luminance can measure the stretch. */
const KEPT = 0.8;

export function polishAspect(levels: Level[], match: LogoMatch): LogoMatch {
  const t = match.template;
  const li = Math.max(0, Math.min(levels.length - 1, Math.floor(Math.log2(match.w / 96))));
  const level = levels[li]!;
  const scale = 2 ** li;
  const cx = match.x + match.w / 2;
  const cy = match.y + match.h / 2;
  let best: { score: number; aspect: number; x: number; y: number; w: number; h: number } | null = null;
  for (let a = match.aspect * 0.92; a <= match.aspect * 1.081; a *= 1.01) {
    for (const f of [0.98, 1, 1.02]) {
      const w = match.w * f;
      const tw = Math.round(w / scale);
      const th = Math.round(w / (t.aspect * a) / scale);
      if (tw < 8 || th < 6 || tw > level.w || th > level.h) continue;
      const s = lumSamplesOf(t, tw, th, 480);
      if (!s) continue;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = Math.round(cx / scale - tw / 2) + dx;
          const y = Math.round(cy / scale - th / 2) + dy;
          if (x < 0 || y < 0 || x + tw > level.w || y + th > level.h) continue;
          const score = ncc(level, s, x, y);
          if (!best || score > best.score) best = { score, aspect: a, x: x * scale, y: y * scale, w: tw * scale, h: th * scale };
        }
      }
    }
  }
  if (!best || best.score < KEPT) return match;
  return { ...match, x: best.x, y: best.y, w: best.w, h: best.h, aspect: best.aspect };
}
