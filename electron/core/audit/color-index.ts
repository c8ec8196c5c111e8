import { rgb8ToLab, type Lab } from '../../../shared/color';
import { BufferPool } from './buffer-pool';
import { NearestPaletteSearch } from './nearest-palette';
import type { PaletteEntry } from './palette';

/** An opaque sRGB image: 3 bytes per pixel, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
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
export const FINE = 1 << 18;

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

export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

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
