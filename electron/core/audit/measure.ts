// Longer than the ~400-line guide (docs/ARCHITECTURE.md): the colour index, the single pixel
// pass and the region and accent tallies share this module's pooled buffers and private cell types.
import { deltaE2000, deltaE76, rgb8ToLab, rgbToHex, type Lab } from '../../../shared/color';
import type { NormalizedBox } from '../../../shared/schema';
import { BufferPool } from './buffer-pool';
import { mixedEdgeAreas } from './mixed-edges';
import { surfaceSamples, tallySurfaceRow } from './surfaces';
import { NearestPaletteSearch } from './nearest-palette';
import { ROLE_GROUPS, targetShares, type PaletteEntry, type RoleShares } from './palette';

/** An opaque sRGB image: 3 bytes per pixel, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface MeasureOptions {
  /** ΔE00 within which a pixel counts as exactly the palette colour. */
  exactTolerance: number;
  /** ΔE00 within which shaded/photographic pixels still count as the colour's family. */
  familyTolerance: number;
  /** Off-palette regions smaller than this share of the image are not reported. */
  regionMinShare: number;
  /** Side of the square cells regions are grouped by (analysis pixels). */
  cellSize: number;
}

export const DEFAULT_MEASURE_OPTIONS: MeasureOptions = {
  exactTolerance: 3,
  familyTolerance: 10,
  regionMinShare: 0.01,
  cellSize: 8,
};

export interface ColorShare {
  name: string;
  hex: string;
  usage: string;
  share_exact: number;
  share_family: number;
}
export interface Cluster {
  hex: string;
  share: number;
  nearest: string | null;
  nearest_hex: string | null;
  delta_e: number | null;
}
export interface OffPaletteRegion {
  box: NormalizedBox;
  share: number;
  hex: string;
  nearest: string | null;
  nearest_hex: string | null;
  delta_e: number | null;
}
export interface AccentBackground {
  detected: boolean;
  color: string | null;
  hex: string | null;
  border_share: number;
}
/** The palette colour covering most of the image's outer band (the background), if any covers half of it. */
export interface BackgroundColor {
  color: string | null;
  hex: string | null;
  border_share: number;
}

export interface PixelMeasurements {
  analysed_width: number;
  analysed_height: number;
  distinct_bins: number;
  tolerances: { exact: number; family: number };
  coverage: { exact: number; family: number; shaded: number; off: number };
  colors: ColorShare[];
  role_shares: { measured: RoleShares; target: RoleShares; target_source: 'usage_weights' | '60-30-10'; deviation: number };
  clusters: Cluster[];
  off_palette_regions: OffPaletteRegion[];
  accent_background: AccentBackground;
  background: BackgroundColor;
}

/**
 * Per-image colour index: every pixel is mapped to a bin of similar colours and
 * all colour maths (Lab, ΔE00 to the palette) runs once per bin, so the cost
 * grows with the number of distinct colours rather than with pixels.
 */
export interface ColorIndex {
  /**
   * Bin id of each fine (6-bit-per-channel) colour, `binOf[fineBin(r, g, b)]`;
   * only fine colours present in the image are meaningful.
   */
  binOf: Int32Array;
  count: Uint32Array;
  meanR: Float64Array;
  meanG: Float64Array;
  meanB: Float64Array;
  lab: Lab[];
  /** Index into the palette of the nearest colour by ΔE00 (−1 with an empty palette). */
  nearest: Int32Array;
  deltaE: Float64Array;
  /** The fine colours present in the image, ascending. */
  fineSeen: Uint32Array;
  /** Memo for familyClasses (one tolerance per audit). */
  familyMemo?: { tolerance: number; classes: Int32Array };
  /** Filled by measurePixels when asked (`familyCellSize`), so forbidden-pair detection needs no pixel pass of its own. */
  familyCells?: FamilyCells;
}

/**
 * Per square cell, from every other pixel of every other row: how many samples
 * it has and how many fall within each palette colour's family.
 */
export interface FamilyCells {
  cellSize: number;
  tolerance: number;
  cw: number;
  ch: number;
  /** counts[cell * palette.length + k] */
  counts: Uint16Array;
  totals: Uint16Array;
}

/** The fine bin of an 8-bit colour: 6 bits per channel. */
export function fineBin(r: number, g: number, b: number): number {
  return ((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2);
}

// 6 bits per channel keeps a bin within ±2 code values (≈ ΔE00 1) of its mean;
// when an image has more distinct bins than this (noise, photographs), bins are
// merged to 5 bits per channel, capping the colour maths at 32768 bins.
const MAX_FINE_BINS = 65_536;
const FINE = 1 << 18;

// Reused between calls (the audit worker measures one image at a time) and
// left zeroed after each: only the bins an image touched are cleared.
let scratch: Uint32Array | null = null;

// Other working buffers come from a pool (see BufferPool). Consequently the
// buffers of a ColorIndex (binOf, fineSeen, family classes, familyCells) are
// valid only until the next measurement starts.
const pool = new BufferPool();

// The pixel loops live in small functions of their own: V8 optimises a hot loop
// in the middle of a long function on the stack (OSR) and then throws that code
// away when execution reaches the not-yet-run code after it, so the first
// audits of a fresh worker would run mostly unoptimised.

/** Per fine bin: count and channel sums, interleaved; returns how many bins were first seen (listed in `touched`). */
function tallyFineBins(data: Uint8Array, end: number, acc: Uint32Array, touched: Uint32Array): number {
  let distinct = 0;
  let i = 0;
  // Four pixels from three aligned 32-bit reads (little-endian), a quarter of the loads of byte reads.
  if (LITTLE_ENDIAN && data.byteOffset % 4 === 0) {
    const quads = Math.floor(end / 12);
    const words = new Uint32Array(data.buffer, data.byteOffset, quads * 3);
    distinct = tallyFineBinQuads(words, quads, acc, touched);
    i = quads * 12;
  }
  for (; i < end; i += 3) distinct = tallyPixel(acc, touched, distinct, data[i]!, data[i + 1]!, data[i + 2]!);
  return distinct;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function tallyFineBinQuads(words: Uint32Array, quads: number, acc: Uint32Array, touched: Uint32Array): number {
  let distinct = 0;
  for (let q = 0, w = 0; q < quads; q++, w += 3) {
    const w0 = words[w]!;
    const w1 = words[w + 1]!;
    const w2 = words[w + 2]!;
    distinct = tallyPixel(acc, touched, distinct, w0 & 255, (w0 >>> 8) & 255, (w0 >>> 16) & 255);
    distinct = tallyPixel(acc, touched, distinct, w0 >>> 24, w1 & 255, (w1 >>> 8) & 255);
    distinct = tallyPixel(acc, touched, distinct, (w1 >>> 16) & 255, w1 >>> 24, w2 & 255);
    distinct = tallyPixel(acc, touched, distinct, (w2 >>> 8) & 255, (w2 >>> 16) & 255, w2 >>> 24);
  }
  return distinct;
}

function tallyPixel(acc: Uint32Array, touched: Uint32Array, distinct: number, r: number, g: number, b: number): number {
  const o = (((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2)) << 2;
  const c = acc[o]!;
  acc[o] = c + 1;
  acc[o + 1]! += r;
  acc[o + 2]! += g;
  acc[o + 3]! += b;
  if (c === 0) touched[distinct++] = o >> 2;
  return distinct;
}

export function buildColorIndex(image: RgbImage, palette: readonly PaletteEntry[]): ColorIndex {
  const { data } = image;
  const n = image.width * image.height;
  // One pass over the pixels: per fine bin, count and channel sums
  // interleaved (one cache line per pixel, not four), and the list of bins
  // seen so later steps visit only those rather than all 262144.
  const acc = (scratch ??= new Uint32Array(FINE * 4));
  const touched = pool.u32('touched', Math.min(n, FINE));
  const distinct = tallyFineBins(data, n * 3, acc, touched);
  // Bin ids follow ascending fine-bin order (as a full scan would give them):
  // sort the few bins seen, or scan all bins when most are.
  let seen = touched.subarray(0, distinct);
  if (distinct > FINE / 8) {
    for (let b = 0, s = 0; b < FINE; b++) if (acc[b << 2]! > 0) seen[s++] = b;
  } else seen = seen.sort();
  const coarse = distinct > MAX_FINE_BINS;
  // Only the entries of the fine colours seen are written and read.
  const lut = pool.i32('binOf', FINE);
  let bins = 0;
  if (coarse) {
    const coarseId = new Int32Array(1 << 15).fill(-1);
    for (let s = 0; s < distinct; s++) {
      const b = seen[s]!;
      const c = (((b >> 13) & 31) << 10) | (((b >> 7) & 31) << 5) | ((b >> 1) & 31);
      if (coarseId[c] === -1) coarseId[c] = bins++;
      lut[b] = coarseId[c]!;
    }
  } else {
    for (let s = 0; s < distinct; s++) lut[seen[s]!] = bins++;
  }
  const count = new Uint32Array(bins);
  const meanR = new Float64Array(bins);
  const meanG = new Float64Array(bins);
  const meanB = new Float64Array(bins);
  for (let s = 0; s < distinct; s++) {
    const b = seen[s]!;
    const o = b << 2;
    const id = lut[b]!;
    count[id]! += acc[o]!;
    meanR[id]! += acc[o + 1]!;
    meanG[id]! += acc[o + 2]!;
    meanB[id]! += acc[o + 3]!;
    acc[o] = 0;
    acc[o + 1] = 0;
    acc[o + 2] = 0;
    acc[o + 3] = 0;
  }
  const lab: Lab[] = new Array(bins);
  const nearest = new Int32Array(bins).fill(-1);
  const deltaE = new Float64Array(bins).fill(Infinity);
  const search = new NearestPaletteSearch(palette);
  for (let id = 0; id < bins; id++) {
    const c = count[id]!;
    meanR[id] = meanR[id]! / c;
    meanG[id] = meanG[id]! / c;
    meanB[id] = meanB[id]! / c;
    const l = rgb8ToLab(meanR[id]!, meanG[id]!, meanB[id]!);
    lab[id] = l;
    const k = search.nearest(l);
    if (k >= 0) {
      nearest[id] = k;
      deltaE[id] = search.distance;
    }
  }
  return { binOf: lut, count, meanR, meanG, meanB, lab, nearest, deltaE, fineSeen: seen };
}

/**
 * Per fine bin: the palette colour the bin counts as within the family
 * tolerance, or −1 (off-palette). One lookup per pixel for the pixel passes.
 */
export function familyClasses(index: ColorIndex, familyTolerance: number): Int32Array {
  if (index.familyMemo?.tolerance === familyTolerance) return index.familyMemo.classes;
  const perBin = new Int32Array(index.count.length);
  for (let id = 0; id < perBin.length; id++) perBin[id] = index.nearest[id]! >= 0 && index.deltaE[id]! <= familyTolerance ? index.nearest[id]! : -1;
  // Only the entries of the fine colours seen are written and read.
  const classes = pool.i32('family', FINE);
  const { binOf, fineSeen } = index;
  for (let s = 0; s < fineSeen.length; s++) classes[fineSeen[s]!] = perBin[binOf[fineSeen[s]!]!]!;
  index.familyMemo = { tolerance: familyTolerance, classes };
  return classes;
}

function nearestPalette(lab: Lab, palette: readonly PaletteEntry[]): { entry: PaletteEntry | null; deltaE: number | null } {
  let best: PaletteEntry | null = null;
  let bestD = Infinity;
  for (const p of palette) {
    const d = deltaE2000(lab, p.lab);
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return { entry: best, deltaE: best ? bestD : null };
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Every colour measurement of one image. `extra.surfaces` runs the surface
 * analysis on the samples this pass takes (see surfaces.ts); its blend cells —
 * gradients between brand colours — leave the off-palette tally.
 */
export function measurePixels<S extends { blends: Uint8Array } = never>(
  image: RgbImage,
  palette: readonly PaletteEntry[],
  options: Partial<MeasureOptions> = {},
  extra: { familyCellSize?: number; surfaces?: (samples: Float64Array | undefined) => S } = {},
): PixelMeasurements & { index: ColorIndex; surfaces: S | null } {
  const opts = { ...DEFAULT_MEASURE_OPTIONS, ...options };
  const n = image.width * image.height;
  const index = buildColorIndex(image, palette);
  const samples = extra.surfaces ? surfaceSamples(image.width, image.height) : null;
  const scan = scanPixelClasses(image, index, palette, opts, extra.familyCellSize, samples);
  const surfaces = extra.surfaces ? extra.surfaces(scan.sampled && samples ? samples : undefined) : null;
  const bins = index.count.length;
  // Before blended cells leave the off tally: a gradient's edge pixels are mixes too.
  const mixed = scan.cells ? mixedEdgeAreas(image, index, familyClasses(index, opts.familyTolerance), opts.familyTolerance, palette, scan.cells, opts.cellSize) : null;
  // Gradients between brand colours are shading, not foreign colour: their cells leave the off-palette tally.
  let blended = 0;
  const blends = surfaces?.blends;
  if (scan.cells && blends && blends.length === scan.cells.off.length) {
    for (let c = 0; c < blends.length; c++) {
      if (!blends[c]) continue;
      blended += scan.cells.off[c]!;
      scan.cells.off[c] = 0;
    }
    blended = Math.round((blended * n) / scan.cells.sampled);
  }

  // Coverage and per-colour / per-role shares, all per bin.
  const exactByColor = new Float64Array(palette.length);
  const familyByColor = new Float64Array(palette.length);
  let exact = 0;
  let family = 0;
  for (let id = 0; id < bins; id++) {
    const k = index.nearest[id]!;
    if (k < 0) continue;
    const d = index.deltaE[id]!;
    const c = index.count[id]!;
    if (d <= opts.exactTolerance) {
      exact += c;
      exactByColor[k]! += c;
    }
    if (d <= opts.familyTolerance) {
      family += c;
      familyByColor[k]! += c;
    }
  }
  // Role shares: the family's pixels, plus edge pixels split between the two colours they mix.
  const measuredRoles: RoleShares = { neutral: 0, brand: 0, accent: 0, semantic: 0 };
  let roleArea = 0;
  palette.forEach((p, k) => {
    const area = familyByColor[k]! + (mixed ? mixed[k]! : 0);
    measuredRoles[p.group] += area;
    roleArea += area;
  });
  for (const g of ROLE_GROUPS) measuredRoles[g] = roleArea > 0 ? measuredRoles[g] / roleArea : 0;
  const target = targetShares(palette);
  const deviation = roleArea > 0 ? 0.5 * ROLE_GROUPS.reduce((s, g) => s + Math.abs(measuredRoles[g] - target.shares[g]), 0) : 0;

  return {
    analysed_width: image.width,
    analysed_height: image.height,
    distinct_bins: bins,
    tolerances: { exact: opts.exactTolerance, family: opts.familyTolerance },
    coverage: {
      exact: round(exact / n),
      family: round((family + blended) / n),
      shaded: round((family + blended - exact) / n),
      off: round((n - family - blended) / n),
    },
    colors: palette.map((p, k) => ({
      name: p.name,
      hex: p.hex,
      usage: p.usage,
      share_exact: round(exactByColor[k]! / n),
      share_family: round(familyByColor[k]! / n),
    })),
    role_shares: {
      measured: mapShares(measuredRoles),
      target: mapShares(target.shares),
      target_source: target.source,
      deviation: round(deviation),
    },
    clusters: dominantClusters(index, palette, n),
    off_palette_regions: scan.cells ? regionsFromCells(scan.cells, image, palette, opts) : [],
    accent_background: scan.accent ? accentFromBorder(scan.accent.perColor, scan.accent.border, palette) : { ...NO_ACCENT_BACKGROUND },
    background: scan.accent ? backgroundFromBorder(scan.accent.perColor, scan.accent.border, palette) : { color: null, hex: null, border_share: 0 },
    index,
    surfaces,
  };
}

function mapShares(s: RoleShares): RoleShares {
  return { neutral: round(s.neutral), brand: round(s.brand), accent: round(s.accent), semantic: round(s.semantic) };
}

const CLUSTER_RADIUS = 8; // CIE76 units: colours closer than this read as one colour at a glance
const MAX_CLUSTERS = 48;

/** Dominant colours: bins merged greedily (largest first) in CIELAB, with their area shares. */
export function dominantClusters(index: ColorIndex, palette: readonly PaletteEntry[], n: number, top = 8): Cluster[] {
  const order = Array.from(index.count.keys()).sort((a, b) => index.count[b]! - index.count[a]!);
  const seeds: Lab[] = [];
  const weight: number[] = [];
  const sums: [number, number, number][] = [];
  for (const id of order) {
    const lab = index.lab[id]!;
    let best = -1;
    let bestD = Infinity;
    for (let c = 0; c < seeds.length; c++) {
      const d = deltaE76(lab, seeds[c]!);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best < 0 || (bestD > CLUSTER_RADIUS && seeds.length < MAX_CLUSTERS)) {
      seeds.push(lab);
      weight.push(0);
      sums.push([0, 0, 0]);
      best = seeds.length - 1;
    }
    const c = index.count[id]!;
    weight[best]! += c;
    const s = sums[best]!;
    s[0] += index.meanR[id]! * c;
    s[1] += index.meanG[id]! * c;
    s[2] += index.meanB[id]! * c;
  }
  return seeds
    .map((_, c) => {
      const w = weight[c]!;
      const [r, g, b] = sums[c]!.map((v) => v / w) as [number, number, number];
      const { entry, deltaE } = nearestPalette(rgb8ToLab(r, g, b), palette);
      return {
        hex: rgbToHex({ r, g, b }),
        share: round(w / n),
        nearest: entry?.name ?? null,
        nearest_hex: entry?.hex ?? null,
        delta_e: deltaE === null ? null : round(deltaE, 2),
      };
    })
    .sort((a, b) => b.share - a.share)
    .slice(0, top);
}

/** Per-cell tallies of the off-palette pixels (cells of `cellSize` analysis pixels). */
interface OffCells {
  cw: number;
  ch: number;
  /** Off-palette and all pixels per cell, counted on the sampled rows. */
  off: Uint32Array;
  total: Uint32Array;
  /** Pixels on the sampled rows of the whole image. */
  sampled: number;
  minX: Int32Array;
  minY: Int32Array;
  maxX: Int32Array;
  maxY: Int32Array;
  sR: Float64Array;
  sG: Float64Array;
  sB: Float64Array;
}

interface PixelScan {
  cells: OffCells | null;
  accent: { perColor: Float64Array; border: number } | null;
  /** Whether the surface samples were taken. */
  sampled: boolean;
}

/** Family class of each pixel of a row; lists the off-palette columns in offXs and returns how many. */
function classifyRow(data: Uint8Array, words: Uint32Array | null, start: number, width: number, family: Int32Array, cls: Int32Array, offXs: Int32Array): number {
  let off = 0;
  let x = 0;
  // Four pixels from three aligned 32-bit reads where the row allows it (as the histogram pass reads them).
  if (words && start % 4 === 0) {
    const quads = width >> 2;
    off = classifyQuads(words, start >> 2, quads, family, cls, offXs);
    x = quads * 4;
  }
  for (let i = start + x * 3; x < width; x++, i += 3) {
    const c = family[((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2)]!;
    cls[x] = c;
    if (c < 0) offXs[off++] = x;
  }
  return off;
}

function classifyQuads(words: Uint32Array, first: number, quads: number, family: Int32Array, cls: Int32Array, offXs: Int32Array): number {
  let off = 0;
  for (let q = 0, w = first, x = 0; q < quads; q++, w += 3, x += 4) {
    const w0 = words[w]!;
    const w1 = words[w + 1]!;
    const w2 = words[w + 2]!;
    const c0 = family[(((w0 & 255) >> 2) << 12) | ((((w0 >>> 8) & 255) >> 2) << 6) | (((w0 >>> 16) & 255) >> 2)]!;
    const c1 = family[((w0 >>> 26) << 12) | (((w1 & 255) >> 2) << 6) | (((w1 >>> 8) & 255) >> 2)]!;
    const c2 = family[((((w1 >>> 16) & 255) >> 2) << 12) | ((w1 >>> 26) << 6) | ((w2 & 255) >> 2)]!;
    const c3 = family[((((w2 >>> 8) & 255) >> 2) << 12) | ((((w2 >>> 16) & 255) >> 2) << 6) | (w2 >>> 26)]!;
    cls[x] = c0;
    cls[x + 1] = c1;
    cls[x + 2] = c2;
    cls[x + 3] = c3;
    if ((c0 | c1 | c2 | c3) < 0) {
      if (c0 < 0) offXs[off++] = x;
      if (c1 < 0) offXs[off++] = x + 1;
      if (c2 < 0) offXs[off++] = x + 2;
      if (c3 < 0) offXs[off++] = x + 3;
    }
  }
  return off;
}

function tallyOffRow(cells: OffCells, data: Uint8Array, offXs: Int32Array, count: number, y: number, width: number, rowCell: number, cellOfX: Int32Array): void {
  const { off, minX, maxX, minY, maxY, sR, sG, sB } = cells;
  // Off pixels come in runs along the row: a cell's tallies are written once per run, not per pixel.
  for (let j = 0; j < count; ) {
    const first = offXs[j]!;
    const cell = rowCell + cellOfX[first]!;
    let last = first;
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    for (; j < count; j++) {
      const x = offXs[j]!;
      if (rowCell + cellOfX[x]! !== cell) break;
      const i = (y * width + x) * 3;
      r += data[i]!;
      g += data[i + 1]!;
      b += data[i + 2]!;
      n++;
      last = x;
    }
    off[cell]! += n;
    if (first < minX[cell]!) minX[cell] = first;
    if (last > maxX[cell]!) maxX[cell] = last;
    if (y < minY[cell]!) minY[cell] = y;
    if (y > maxY[cell]!) maxY[cell] = y;
    sR[cell]! += r;
    sG[cell]! += g;
    sB[cell]! += b;
  }
}

function tallyFamilyRow(fc: FamilyCells, cls: Int32Array, width: number, rowCell: number, k: number): void {
  const { counts, totals, cellSize } = fc;
  for (let x = 0; x < width; x += 2) {
    const cell = rowCell + ((x / cellSize) | 0);
    totals[cell]!++;
    const c = cls[x]!;
    if (c >= 0) counts[cell * k + c]!++;
  }
}

/** Adds the classes of cls[from..to) to perColor; returns how many pixels that was. */
function tallyClasses(cls: Int32Array, from: number, to: number, perColor: Float64Array): number {
  for (let x = from; x < to; x++) {
    const c = cls[x]!;
    if (c >= 0) perColor[c]!++;
  }
  return Math.max(0, to - from);
}

/**
 * Rows the class pass reads. Exact counts per colour come from the colour
 * index (every pixel); the class pass only places colour in space — which 8×8
 * cells hold off-palette colour, the border band, the forbidden-pair and
 * surface cells — and every other row places it as well as every row does
 * (a region's box to within a row, its share to the sampling's precision), at
 * half the cost.
 */
// The surface and forbidden-pair samples are every other row of these: ROW_STEP must stay 2.
const ROW_STEP = 2;

/**
 * The one pass over the pixels after the colour index: each sampled row's
 * family classes are looked up once and then feed, as needed, the off-palette
 * cells, the forbidden-pair cells (stored on the index), the surface samples
 * and the accent border band.
 */
function scanPixelClasses(
  image: RgbImage,
  index: ColorIndex,
  palette: readonly PaletteEntry[],
  opts: MeasureOptions,
  familyCellSize: number | undefined,
  surfaceSums: Float64Array | null,
  want: { regions: boolean; accent: boolean } = { regions: true, accent: true },
): PixelScan {
  const { width, height, data } = image;
  const k = palette.length;
  let anyOff = false;
  for (let id = 0; id < index.count.length; id++) if (index.deltaE[id]! > opts.familyTolerance) anyOff = true;
  const needRegions = want.regions && k > 0 && anyOff;
  // The outer band tells the background colour (and whether it is an accent).
  const needAccent = want.accent && k > 0;
  const needCells = familyCellSize !== undefined && k > 0;
  if (!needRegions && !needAccent && !needCells && !surfaceSums) return { cells: null, accent: null, sampled: false };
  // Per fine colour, so the pixel loop needs one lookup.
  const family = familyClasses(index, opts.familyTolerance);

  let cells: OffCells | null = null;
  const cs = opts.cellSize;
  const cw = Math.ceil(width / cs);
  const ch = Math.ceil(height / cs);
  let cellOfX: Int32Array | null = null;
  if (needRegions) {
    const nCells = cw * ch;
    cells = {
      cw,
      ch,
      sampled: width * Math.ceil(height / ROW_STEP),
      off: pool.u32('off', nCells).fill(0),
      total: pool.u32('total', nCells),
      minX: pool.i32('minX', nCells).fill(width),
      minY: pool.i32('minY', nCells).fill(height),
      maxX: pool.i32('maxX', nCells).fill(-1),
      maxY: pool.i32('maxY', nCells).fill(-1),
      sR: pool.f64('sR', nCells).fill(0),
      sG: pool.f64('sG', nCells).fill(0),
      sB: pool.f64('sB', nCells).fill(0),
    };
    // Cell sizes are known from the grid; only off-palette pixels need per-pixel work.
    const sampledBefore = (y: number) => Math.ceil(y / ROW_STEP);
    for (let cy = 0; cy < ch; cy++) {
      const rows = sampledBefore(Math.min(height, (cy + 1) * cs)) - sampledBefore(cy * cs);
      for (let cx = 0; cx < cw; cx++) cells.total[cy * cw + cx] = rows * Math.min(cs, width - cx * cs);
    }
    cellOfX = pool.i32('cellOfX', width);
    for (let x = 0; x < width; x++) cellOfX[x] = (x / cs) | 0;
  }

  let fc: FamilyCells | null = null;
  if (needCells) {
    const fcw = Math.ceil(width / familyCellSize);
    const fch = Math.ceil(height / familyCellSize);
    fc = { cellSize: familyCellSize, tolerance: opts.familyTolerance, cw: fcw, ch: fch, counts: pool.u16('familyCounts', fcw * fch * k).fill(0), totals: pool.u16('familyTotals', fcw * fch).fill(0) };
    index.familyCells = fc;
  }

  const bx = Math.max(1, Math.round(width * 0.05));
  const by = Math.max(1, Math.round(height * 0.05));
  const perColor = new Float64Array(k);
  let border = 0;

  const words = LITTLE_ENDIAN && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, (width * height * 3) >> 2) : null;
  const cls = pool.i32('rowClasses', width);
  const offXs = pool.i32('rowOffColumns', width);
  for (let y = 0; y < height; y += ROW_STEP) {
    const offInRow = classifyRow(data, words, y * width * 3, width, family, cls, offXs);
    if (cells && cellOfX && offInRow > 0) tallyOffRow(cells, data, offXs, offInRow, y, width, ((y / cs) | 0) * cw, cellOfX);
    // Every other pixel in both directions: 16 samples per 8×8 cell decide its dominant colour.
    if (fc) tallyFamilyRow(fc, cls, width, ((y / fc.cellSize) | 0) * fc.cw, k);
    // The surface analysis's samples, while the row is in cache.
    if (surfaceSums) tallySurfaceRow(data, y, width, surfaceSums);
    if (needAccent) {
      // The outer band: whole rows at the top and bottom, bx columns at each side otherwise.
      if (y < by || y >= height - by) border += tallyClasses(cls, 0, width, perColor);
      else {
        border += tallyClasses(cls, 0, Math.min(bx, width), perColor);
        border += tallyClasses(cls, Math.max(bx, width - bx), width, perColor);
      }
    }
  }
  return { cells, accent: needAccent ? { perColor, border } : null, sampled: surfaceSums !== null };
}

/**
 * Off-palette pixels (beyond the family tolerance) grouped into regions: the
 * image is divided into cells, cells mostly off-palette are joined when they
 * touch (4-connectivity), and each group's box is the extent of its
 * off-palette pixels (including those in touching, partly off cells).
 */
function regionsFromCells(cellsIn: OffCells, image: RgbImage, palette: readonly PaletteEntry[], opts: MeasureOptions): OffPaletteRegion[] {
  const { width, height } = image;
  // Areas are counted on the sampled rows.
  const n = cellsIn.sampled;
  const { cw, ch, off, total, minX, minY, maxX, maxY, sR, sG, sB } = cellsIn;
  const cells = cw * ch;
  const label = pool.i32('label', cells).fill(-1);
  const regions: OffPaletteRegion[] = [];
  const stack: number[] = [];
  let next = 0;
  // No closures in the flood fill: a closure per region defeats V8's optimised code.
  for (let start = 0; start < cells; start++) {
    if (label[start] !== -1 || off[start]! * 2 < total[start]!) continue;
    const id = next++;
    label[start] = id;
    stack.push(start);
    let area = 0;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    let r = 0;
    let g = 0;
    let b = 0;
    while (stack.length > 0) {
      const c = stack.pop()!;
      const cx = c % cw;
      const cy = (c / cw) | 0;
      // Visit the cell itself (k = 0), then its 4 neighbours. Mostly off cells
      // extend the region; partly off edge cells only widen its box.
      for (let k = 0; k < 5; k++) {
        let cell = c;
        if (k > 0) {
          cell = k === 1 ? (cx > 0 ? c - 1 : -1) : k === 2 ? (cx < cw - 1 ? c + 1 : -1) : k === 3 ? (cy > 0 ? c - cw : -1) : cy < ch - 1 ? c + cw : -1;
          if (cell < 0 || label[cell] !== -1 || off[cell] === 0) continue;
          label[cell] = id;
          if (off[cell]! * 2 >= total[cell]!) {
            stack.push(cell);
            continue;
          }
        }
        area += off[cell]!;
        if (minX[cell]! < x0) x0 = minX[cell]!;
        if (minY[cell]! < y0) y0 = minY[cell]!;
        if (maxX[cell]! > x1) x1 = maxX[cell]!;
        if (maxY[cell]! > y1) y1 = maxY[cell]!;
        r += sR[cell]!;
        g += sG[cell]!;
        b += sB[cell]!;
      }
    }
    if (area / n < opts.regionMinShare) continue;
    const mean = { r: r / area, g: g / area, b: b / area };
    const { entry, deltaE } = nearestPalette(rgb8ToLab(mean.r, mean.g, mean.b), palette);
    regions.push({
      box: {
        x: round(x0 / width),
        y: round(y0 / height),
        w: round((x1 + 1 - x0) / width),
        h: round((y1 + 1 - y0) / height),
      },
      share: round(area / n),
      hex: rgbToHex(mean),
      nearest: entry?.name ?? null,
      nearest_hex: entry?.hex ?? null,
      delta_e: deltaE === null ? null : round(deltaE, 2),
    });
  }
  return regions.sort((a, b) => b.share - a.share);
}

const NO_ACCENT_BACKGROUND: AccentBackground = { detected: false, color: null, hex: null, border_share: 0 };

/**
 * An accent used as the background: backgrounds touch the edges, so look at the
 * outer band (5 % of each side) and at the accent's share of the whole image.
 */
function accentFromBorder(perColor: Float64Array, border: number, palette: readonly PaletteEntry[]): AccentBackground {
  let best = -1;
  palette.forEach((p, k) => {
    if (p.group === 'accent' && (best < 0 || perColor[k]! > perColor[best]!)) best = k;
  });
  const share = best >= 0 && border > 0 ? perColor[best]! / border : 0;
  const entry = best >= 0 ? palette[best]! : null;
  return { detected: share >= 0.5, color: entry?.name ?? null, hex: entry?.hex ?? null, border_share: round(share) };
}

function backgroundFromBorder(perColor: Float64Array, border: number, palette: readonly PaletteEntry[]): BackgroundColor {
  let best = -1;
  palette.forEach((_, k) => {
    if (best < 0 || perColor[k]! > perColor[best]!) best = k;
  });
  const share = best >= 0 && border > 0 ? perColor[best]! / border : 0;
  const entry = share >= 0.5 ? palette[best]! : null;
  return { color: entry?.name ?? null, hex: entry?.hex ?? null, border_share: round(share) };
}
