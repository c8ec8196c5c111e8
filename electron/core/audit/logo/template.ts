import sharp from 'sharp';
import type { LogoVariant } from '../../../../shared/vocab/logos';

/**
 * A brand logo file prepared for finding it in images (runs in the audit worker): a canonical
 * raster, its luminance as it would look on the background it is meant for, and which pixels are
 * ink. Prepared once per file and kept (files are content-addressed, so the id never goes stale).
 */

/** What the audit is given per logo file: the id (its digest), its variant and its PNG. */
export interface LogoTemplateInput {
  id: string;
  variant: LogoVariant;
  png: Uint8Array;
}

export interface LogoTemplate {
  id: string;
  variant: LogoVariant;
  width: number;
  height: number;
  /** width / height. */
  aspect: number;
  /** RGB of the canonical raster, composited on `background`. */
  rgb: Uint8Array;
  /** Luminance (0..255) of the same. */
  lum: Float32Array;
  /** 1 where the logo draws (opaque ink), 0 where it is transparent or its own plain background. */
  ink: Uint8Array;
  /** What the logo is composited on: its own opaque background, or white/black (whichever it contrasts with). */
  background: [number, number, number];
  /** The logo file has its own opaque background (a raster export) rather than transparency. */
  opaque: boolean;
}

/** Long side of the canonical raster: detail enough for the finest matching level. */
export const TEMPLATE_SIDE = 192;

const cache = new Map<string, Promise<LogoTemplate>>();
const CACHE_MAX = 16;

export const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** The template for a logo file, prepared once. */
export function templateOf(input: LogoTemplateInput): Promise<LogoTemplate> {
  let t = cache.get(input.id);
  if (!t) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    t = prepareTemplate(input);
    cache.set(input.id, t);
    t.catch(() => cache.delete(input.id));
  }
  return t;
}

export async function prepareTemplate(input: LogoTemplateInput): Promise<LogoTemplate> {
  const { data, info } = await sharp(input.png, { limitInputPixels: 50_000_000 })
    .resize({ width: TEMPLATE_SIDE, height: TEMPLATE_SIDE, fit: 'inside' })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const n = width * height;
  // An opaque file (no transparency at its edges) carries its own background: the edge colour.
  let edgeAlpha = 0;
  let edges = 0;
  const edge = [0, 0, 0];
  const addEdge = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    edges++;
    edgeAlpha += data[i + 3]!;
    for (let c = 0; c < 3; c++) edge[c]! += data[i + c]!;
  };
  for (let x = 0; x < width; x++) {
    addEdge(x, 0);
    addEdge(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    addEdge(0, y);
    addEdge(width - 1, y);
  }
  const opaque = edgeAlpha / edges > 250;
  let background: [number, number, number];
  if (opaque) background = [edge[0]! / edges, edge[1]! / edges, edge[2]! / edges];
  else {
    let sum = 0;
    let count = 0;
    for (let p = 0; p < n; p++) {
      if (data[p * 4 + 3]! < 128) continue;
      sum += luma(data[p * 4]!, data[p * 4 + 1]!, data[p * 4 + 2]!);
      count++;
    }
    // A dark logo is shown on light ground and a light (reversed) one on dark.
    background = count > 0 && sum / count > 150 ? [0, 0, 0] : [255, 255, 255];
  }
  const rgb = new Uint8Array(n * 3);
  const lum = new Float32Array(n);
  const ink = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const a = data[p * 4 + 3]! / 255;
    const r = data[p * 4]! * a + background[0] * (1 - a);
    const g = data[p * 4 + 1]! * a + background[1] * (1 - a);
    const b = data[p * 4 + 2]! * a + background[2] * (1 - a);
    rgb[p * 3] = r;
    rgb[p * 3 + 1] = g;
    rgb[p * 3 + 2] = b;
    lum[p] = luma(r, g, b);
    ink[p] = opaque ? (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 40 ? 1 : 0) : a >= 0.5 ? 1 : 0;
  }
  return { id: input.id, variant: input.variant, width, height, aspect: width / height, rgb, lum, ink, background, opaque };
}

/** Per output index along one axis: the source indices it covers and their weights (area overlap). */
function spans(from: number, to: number): { start: Int32Array; count: Int32Array; weights: Float32Array; stride: number } {
  const scale = from / to;
  const stride = Math.ceil(scale) + 2;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const weights = new Float32Array(to * stride);
  for (let o = 0; o < to; o++) {
    // Upsampling (scale < 1) reads a window one source pixel wide, as area averaging of a pixel grid does.
    const a = o * scale;
    const b = Math.min(from, a + Math.max(1, scale));
    const s0 = Math.min(from - 1, Math.floor(a));
    let total = 0;
    let k = 0;
    for (let i = s0; i < Math.ceil(b) && k < stride; i++, k++) {
      const w = Math.max(0, Math.min(i + 1, b) - Math.max(i, a));
      weights[o * stride + k] = w;
      total += w;
    }
    for (let j = 0; j < k; j++) weights[o * stride + j]! /= total || 1;
    start[o] = s0;
    count[o] = k;
  }
  return { start, count, weights, stride };
}

/** Area-average resampling of a single-channel image (down or up) to tw × th, separably: rows, then columns. */
export function resample(src: Float32Array, w: number, h: number, tw: number, th: number): Float32Array {
  const sx = spans(w, tw);
  const sy = spans(h, th);
  const rows = new Float32Array(tw * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < tw; x++) {
      let v = 0;
      const s0 = sx.start[x]!;
      for (let k = 0; k < sx.count[x]!; k++) v += src[y * w + s0 + k]! * sx.weights[x * sx.stride + k]!;
      rows[y * tw + x] = v;
    }
  }
  const out = new Float32Array(tw * th);
  for (let y = 0; y < th; y++) {
    const s0 = sy.start[y]!;
    for (let k = 0; k < sy.count[y]!; k++) {
      const wgt = sy.weights[y * sy.stride + k]!;
      const row = (s0 + k) * tw;
      for (let x = 0; x < tw; x++) out[y * tw + x]! += rows[row + x]! * wgt;
    }
  }
  return out;
}
