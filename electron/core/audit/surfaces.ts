import { deltaE2000, deltaE76, rgb8ToLab, rgbToHex, type Lab } from '../../../shared/color';
import type { AuditRegime, PaletteDrift } from '../../../shared/schema/audit-evidence';
import { BufferPool } from './buffer-pool';
import { find, unite } from './union-find';
import type { RgbImage } from './color-index';
import { NearestPaletteSearch } from './nearest-palette';
import type { PaletteEntry } from './palette';

/**
 * Content regime and palette drift.
 *
 * The image is cut into 8×8 cells; a cell is uniform when every channel's
 * standard deviation is at most UNIFORM_STDEV (JPEG and WebP noise included).
 * Touching uniform cells of nearly the same mean colour form surfaces. A
 * surface is *flat artwork* when its pixels stay uniform across the whole
 * surface (a solid fill) and it is not embedded in photographic texture; a
 * surface whose colour wanders (gradients, tonal shading) is *shaded*.
 * Non-uniform cells are edges (anti-aliasing, text) next to flat artwork, or
 * photographic texture otherwise.
 *
 * Flat artwork must match a brand colour within the exact tolerance: its
 * mean colour (which compression leaves in place) is compared with the
 * palette, and a neighbour of a brand colour outside that tolerance is drift,
 * reported with the area it covers. Photographic and shaded areas are judged
 * per pixel with the family tolerance instead.
 */

const CELL = 8;
/** Per-channel standard deviation (code values) of a uniform cell and of a flat surface. */
const UNIFORM_STDEV = 3;
const FLAT_STDEV = 2.5;
/** Largest step between the means of touching cells of one surface, and largest range of a flat one. */
const CELL_STEP = 3;
/** Largest step between touching cells of a steep gradient (per channel, code values). */
const RAMP_STEP = 16;
const FLAT_RANGE = 5;
/** Surfaces smaller than this many cells are too small to judge a colour on. */
const MIN_CELLS = 4;
export const SHADED = 2;
export const TEXTURE = 3;

export interface SurfaceAnalysis {
  regime: AuditRegime;
  /** Per 8×8 cell: 1 flat artwork, 2 shaded surface, 3 texture (2 and 3 photographic), 0 edges next to flat artwork. Not JSON. */
  cells: { kind: Uint8Array; cw: number; ch: number; size: number };
  /**
   * Shaded cells whose colour is a blend of two brand colours (a gradient between them, a tint ramp to a
   * palette white): on-brand shading, not off-palette colour. Not JSON.
   */
  blends: Uint8Array;
  drift: PaletteDrift[];
  /** Share of the image in drifted flat artwork. */
  drift_share: number;
  /** Share of the image in flat artwork exactly on a brand colour. */
  exact_flat_share: number;
}

const pool = new BufferPool();

/**
 * Per cell: sample count, channel sums and sums of squares (7 values,
 * interleaved), from every other pixel of every other row — 16 samples per
 * cell judge its uniformity as well as 64 do, at a quarter of the cost.
 * Zeroed; filled by tallySurfaceRow for every even row.
 */
export function surfaceSamples(width: number, height: number): Float64Array {
  return pool.f64('cells', Math.ceil(width / CELL) * Math.ceil(height / CELL) * 7).fill(0);
}

/** Adds the samples of row y (an even row) to the per-cell sums. */
export function tallySurfaceRow(data: Uint8Array, y: number, width: number, acc: Float64Array): void {
  const cw = Math.ceil(width / CELL);
  const full = (width / CELL) | 0;
  const rowStart = y * width * 3;
  let o = ((y / CELL) | 0) * cw * 7;
  // Whole cells (CELL is 8): their four samples (every other pixel) read straight, sums kept in integers.
  for (let cx = 0; cx < full; cx++, o += 7) {
    const i = rowStart + cx * CELL * 3;
    const r0 = data[i]!;
    const g0 = data[i + 1]!;
    const b0 = data[i + 2]!;
    const r1 = data[i + 6]!;
    const g1 = data[i + 7]!;
    const b1 = data[i + 8]!;
    const r2 = data[i + 12]!;
    const g2 = data[i + 13]!;
    const b2 = data[i + 14]!;
    const r3 = data[i + 18]!;
    const g3 = data[i + 19]!;
    const b3 = data[i + 20]!;
    acc[o]! += 4;
    acc[o + 1]! += r0 + r1 + r2 + r3;
    acc[o + 2]! += g0 + g1 + g2 + g3;
    acc[o + 3]! += b0 + b1 + b2 + b3;
    acc[o + 4]! += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
    acc[o + 5]! += g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3;
    acc[o + 6]! += b0 * b0 + b1 * b1 + b2 * b2 + b3 * b3;
  }
  // The last, narrower cell.
  if (full < cw) {
    for (let x = full * CELL, i = rowStart + x * 3; x < width; x += 2, i += 6) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      acc[o]! += 1;
      acc[o + 1]! += r;
      acc[o + 2]! += g;
      acc[o + 3]! += b;
      acc[o + 4]! += r * r;
      acc[o + 5]! += g * g;
      acc[o + 6]! += b * b;
    }
  }
}

function cellSums(image: RgbImage): Float64Array {
  const acc = surfaceSamples(image.width, image.height);
  for (let y = 0; y < image.height; y += 2) tallySurfaceRow(image.data, y, image.width, acc);
  return acc;
}

function maxStdev(n: number, s: Float64Array, o: number): number {
  let worst = 0;
  for (let c = 0; c < 3; c++) {
    const mean = s[o + 1 + c]! / n;
    const v = s[o + 4 + c]! / n - mean * mean;
    if (v > worst) worst = v;
  }
  return Math.sqrt(Math.max(0, worst));
}

interface Surface {
  cells: number[];
  n: number;
  s: Float64Array;
  min: [number, number, number];
  max: [number, number, number];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** `sums`: the samples (surfaceSamples) when a pixel pass already took them; otherwise they are taken here. */
export function analyseSurfaces(image: RgbImage, palette: readonly PaletteEntry[], exactTolerance: number, familyTolerance: number, sums: Float64Array = cellSums(image)): SurfaceAnalysis {
  const { width, height } = image;
  const cw = Math.ceil(width / CELL);
  const ch = Math.ceil(height / CELL);
  const cells = cw * ch;
  // Shares are of samples, which cover the image evenly.
  let total = 0;
  for (let c = 0; c < cells; c++) total += sums[c * 7]!;
  if (total === 0) total = 1;
  const uniform = new Uint8Array(cells);
  const mean = new Float64Array(cells * 3);
  for (let c = 0; c < cells; c++) {
    const o = c * 7;
    const n = sums[o]!;
    if (n === 0) continue;
    mean[c * 3] = sums[o + 1]! / n;
    mean[c * 3 + 1] = sums[o + 2]! / n;
    mean[c * 3 + 2] = sums[o + 3]! / n;
    if (maxStdev(n, sums, o) <= UNIFORM_STDEV) uniform[c] = 1;
  }
  // Touching uniform cells join one surface when their means are close — or when they are steps of one
  // ramp (a steep gradient: the step continues, the same, into the next cell on either side).
  const parent = new Int32Array(cells);
  for (let c = 0; c < cells; c++) parent[c] = c;
  const close = (a: number, b: number) =>
    Math.abs(mean[a * 3]! - mean[b * 3]!) <= CELL_STEP && Math.abs(mean[a * 3 + 1]! - mean[b * 3 + 1]!) <= CELL_STEP && Math.abs(mean[a * 3 + 2]! - mean[b * 3 + 2]!) <= CELL_STEP;
  const sameStep = (a: number, b: number, c: number, d: number) => {
    for (let k = 0; k < 3; k++) {
      const s1 = mean[b * 3 + k]! - mean[a * 3 + k]!;
      const s2 = mean[d * 3 + k]! - mean[c * 3 + k]!;
      if (Math.abs(s1) > RAMP_STEP || Math.abs(s1 - s2) > CELL_STEP) return false;
    }
    return true;
  };
  const ramp = (before: number, a: number, b: number, after: number) =>
    (before >= 0 && uniform[before] === 1 && sameStep(before, a, a, b)) || (after >= 0 && uniform[after] === 1 && sameStep(a, b, b, after));
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const c = cy * cw + cx;
      if (!uniform[c]) continue;
      if (cx + 1 < cw && uniform[c + 1] && (close(c, c + 1) || ramp(cx > 0 ? c - 1 : -1, c, c + 1, cx + 2 < cw ? c + 2 : -1))) unite(parent, c, c + 1);
      if (cy + 1 < ch && uniform[c + cw] && (close(c, c + cw) || ramp(cy > 0 ? c - cw : -1, c, c + cw, cy + 2 < ch ? c + 2 * cw : -1))) unite(parent, c, c + cw);
    }
  }
  const byRoot = new Map<number, Surface>();
  // Each cell's surface (its root), −1 outside any.
  const rootOf = pool.i32('rootOf', cells).fill(-1);
  for (let c = 0; c < cells; c++) {
    if (!uniform[c]) continue;
    const root = find(parent, c);
    rootOf[c] = root;
    let s = byRoot.get(root);
    if (!s) {
      s = { cells: [], n: 0, s: new Float64Array(7), min: [255, 255, 255], max: [0, 0, 0], x0: width, y0: height, x1: 0, y1: 0 };
      byRoot.set(root, s);
    }
    s.cells.push(c);
    for (let k = 0; k < 7; k++) s.s[k]! += sums[c * 7 + k]!;
    s.n += sums[c * 7]!;
    for (let k = 0; k < 3; k++) {
      const m = mean[c * 3 + k]!;
      if (m < s.min[k]!) s.min[k] = m;
      if (m > s.max[k]!) s.max[k] = m;
    }
    const cx = c % cw;
    const cy = (c / cw) | 0;
    s.x0 = Math.min(s.x0, cx * CELL);
    s.y0 = Math.min(s.y0, cy * CELL);
    s.x1 = Math.max(s.x1, Math.min(width, (cx + 1) * CELL));
    s.y1 = Math.max(s.y1, Math.min(height, (cy + 1) * CELL));
  }

  // 0 = edge/unclassified, 1 = flat, 2 = shaded surface, 3 = texture (2 and 3 are photographic).
  const kind = new Uint8Array(cells);
  const flat: Surface[] = [];
  for (const s of byRoot.values()) {
    const range = Math.max(s.max[0] - s.min[0], s.max[1] - s.min[1], s.max[2] - s.min[2]);
    const isFlat = s.cells.length >= MIN_CELLS && range <= FLAT_RANGE && maxStdev(s.n, s.s, 0) <= FLAT_STDEV;
    for (const c of s.cells) kind[c] = isFlat ? 1 : range > FLAT_RANGE ? SHADED : 0;
    if (isFlat) flat.push(s);
  }
  // Non-uniform cells with no flat artwork around them are texture.
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const c = cy * cw + cx;
      if (uniform[c]) continue;
      let nearFlat = false;
      for (let dy = -1; dy <= 1 && !nearFlat; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x >= 0 && y >= 0 && x < cw && y < ch && kind[y * cw + x] === 1) {
            nearFlat = true;
            break;
          }
        }
      }
      if (!nearFlat) kind[c] = TEXTURE;
    }
  }
  let flatPx = 0;
  let photoPx = 0;
  for (let c = 0; c < cells; c++) {
    if (kind[c] === 1) flatPx += sums[c * 7]!;
    else if (kind[c]! >= SHADED) photoPx += sums[c * 7]!;
  }

  // Flat artwork embedded in photographic texture is part of the photograph (a smooth sky, a backdrop).
  const search = new NearestPaletteSearch(palette);
  const drifted: { k: number; lab: Lab; n: number; r: number; g: number; b: number; x0: number; y0: number; x1: number; y1: number }[] = [];
  let driftPx = 0;
  let exactPx = 0;
  for (const s of flat) {
    if (photographicSurround(s, rootOf, kind, cw, ch) >= 0.5) {
      for (const c of s.cells) kind[c] = SHADED;
      flatPx -= s.n;
      photoPx += s.n;
      continue;
    }
    const r = s.s[1]! / s.n;
    const g = s.s[2]! / s.n;
    const b = s.s[3]! / s.n;
    const lab = rgb8ToLab(r, g, b, { l: 0, a: 0, b: 0 });
    const k = search.nearest(lab);
    if (k < 0) continue;
    const d = search.distance;
    if (d <= exactTolerance) {
      exactPx += s.n;
      continue;
    }
    if (d > familyTolerance) continue; // off-palette: reported as an off-palette region
    driftPx += s.n;
    // One drift finding per brand colour and rendered colour.
    const prev = drifted.find((v) => v.k === k && deltaE76(v.lab, lab) <= 3);
    if (prev) {
      prev.r += r * s.n;
      prev.g += g * s.n;
      prev.b += b * s.n;
      prev.n += s.n;
      prev.x0 = Math.min(prev.x0, s.x0);
      prev.y0 = Math.min(prev.y0, s.y0);
      prev.x1 = Math.max(prev.x1, s.x1);
      prev.y1 = Math.max(prev.y1, s.y1);
    } else {
      drifted.push({ k, lab, n: s.n, r: r * s.n, g: g * s.n, b: b * s.n, x0: s.x0, y0: s.y0, x1: s.x1, y1: s.y1 });
    }
  }
  const drift: PaletteDrift[] = drifted
    .map((v) => {
      const rgb = { r: v.r / v.n, g: v.g / v.n, b: v.b / v.n };
      const entry = palette[v.k]!;
      return {
        name: entry.name,
        hex: entry.hex,
        rendered: rgbToHex(rgb),
        delta_e: Math.round(deltaE2000(rgb8ToLab(rgb.r, rgb.g, rgb.b), entry.lab) * 10) / 10,
        share: round4(v.n / total),
        box: { x: round4(v.x0 / width), y: round4(v.y0 / height), w: round4((v.x1 - v.x0) / width), h: round4((v.y1 - v.y0) / height) },
      };
    })
    .sort((a, b) => b.share - a.share);
  const flatShare = flatPx / total;
  const photoShare = photoPx / total;
  const regime: AuditRegime = {
    kind: photoShare >= 0.6 || flatShare < 0.2 ? 'photographic' : flatShare >= 0.5 && photoShare < 0.25 ? 'flat' : 'mixed',
    flat_share: round4(flatShare),
    photographic_share: round4(photoShare),
    exact_tolerance: exactTolerance,
    family_tolerance: familyTolerance,
  };
  return { regime, cells: { kind, cw, ch, size: CELL }, blends: blendCells(kind, mean, palette), drift, drift_share: round4(driftPx / total), exact_flat_share: round4(exactPx / total) };
}

/** Share of a surface's border that is photographic (the image's own edge counts as not). */
function photographicSurround(s: Surface, rootOf: Int32Array, kind: Uint8Array, cw: number, ch: number): number {
  const own = rootOf[s.cells[0]!]!;
  let photo = 0;
  let all = 0;
  const side = (n: number) => {
    if (n >= 0 && rootOf[n] === own) return;
    all++;
    if (n >= 0 && kind[n]! >= SHADED) photo++;
  };
  for (const c of s.cells) {
    const cx = c % cw;
    const cy = (c / cw) | 0;
    side(cx > 0 ? c - 1 : -1);
    side(cx + 1 < cw ? c + 1 : -1);
    side(cy > 0 ? c - cw : -1);
    side(cy + 1 < ch ? c + cw : -1);
  }
  return all ? photo / all : 0;
}

/** Whether most of the area around a box (normalised, padded by half its height) is photographic. */
export function onPhotographic(cells: SurfaceAnalysis['cells'], box: { x: number; y: number; w: number; h: number }, width: number, height: number): boolean {
  const pad = (box.h * height) / 2;
  const cx0 = Math.max(0, Math.floor((box.x * width - pad) / cells.size));
  const cy0 = Math.max(0, Math.floor((box.y * height - pad) / cells.size));
  const cx1 = Math.min(cells.cw - 1, Math.floor(((box.x + box.w) * width + pad) / cells.size));
  const cy1 = Math.min(cells.ch - 1, Math.floor(((box.y + box.h) * height + pad) / cells.size));
  let photo = 0;
  let all = 0;
  for (let y = cy0; y <= cy1; y++) {
    for (let x = cx0; x <= cx1; x++) {
      all++;
      if (cells.kind[y * cells.cw + x]! >= SHADED) photo++;
    }
  }
  return all > 0 && photo >= 0.5 * all;
}

/** Largest RGB distance from a blend line, and the share of the line's ends excluded (a blend is between them). */
const BLEND_DISTANCE = 8;

/** Shaded cells whose mean colour lies on the straight RGB line between two palette colours. */
function blendCells(kind: Uint8Array, mean: Float64Array, palette: readonly PaletteEntry[]): Uint8Array {
  const out = new Uint8Array(kind.length);
  const rgb = palette.map((p) => [parseInt(p.hex.slice(1, 3), 16), parseInt(p.hex.slice(3, 5), 16), parseInt(p.hex.slice(5, 7), 16)] as const);
  for (let c = 0; c < kind.length; c++) {
    if (kind[c] !== SHADED) continue;
    const x = mean[c * 3]!;
    const y = mean[c * 3 + 1]!;
    const z = mean[c * 3 + 2]!;
    for (let a = 0; a < rgb.length && !out[c]; a++) {
      for (let b = a + 1; b < rgb.length; b++) {
        const [ar, ag, ab] = rgb[a]!;
        const dr = rgb[b]![0] - ar;
        const dg = rgb[b]![1] - ag;
        const db = rgb[b]![2] - ab;
        const len2 = dr * dr + dg * dg + db * db;
        if (len2 === 0) continue;
        const t = Math.max(0, Math.min(1, ((x - ar) * dr + (y - ag) * dg + (z - ab) * db) / len2));
        const ex = x - ar - t * dr;
        const ey = y - ag - t * dg;
        const ez = z - ab - t * db;
        if (ex * ex + ey * ey + ez * ez <= BLEND_DISTANCE * BLEND_DISTANCE) {
          out[c] = 1;
          break;
        }
      }
    }
  }
  return out;
}
