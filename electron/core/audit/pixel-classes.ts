import { BufferPool } from './buffer-pool';
import { familyClasses, LITTLE_ENDIAN, type ColorIndex, type FamilyCells, type RgbImage } from './color-index';
import type { MeasureOptions } from './measure';
import type { PaletteEntry } from './palette';
import { tallySurfaceRow } from './surfaces';

// Cell tallies and row buffers, valid until the next scan.
const pool = new BufferPool();

/** Per-cell tallies of the off-palette pixels (cells of `cellSize` analysis pixels). */
export interface OffCells {
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

export interface PixelScan {
  cells: OffCells | null;
  accent: { perColor: Float64Array; border: number } | null;
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
export function scanPixelClasses(
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
  if (!needRegions && !needAccent && !needCells && !surfaceSums) return { cells: null, accent: null };
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
  return { cells, accent: needAccent ? { perColor, border } : null };
}

/**
 * Off-palette pixels (beyond the family tolerance) grouped into regions: the
 * image is divided into cells, cells mostly off-palette are joined when they
 * touch (4-connectivity), and each group's box is the extent of its
 * off-palette pixels (including those in touching, partly off cells).
 */
