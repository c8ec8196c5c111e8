import type { NormalizedBox } from '../../../shared/schema';
import { familyClasses, fineBin, type ColorIndex, type FamilyCells, type RgbImage } from './color-index';
import type { PaletteEntry } from './palette';

export interface ForbiddenPair {
  a: number;
  b: number;
  instruction: string;
  severity: 'warning' | 'critical';
  page: number | null;
}

export interface ForbiddenPairHit {
  colors: [string, string];
  hexes: [string, string];
  instruction: string;
  severity: 'warning' | 'critical';
  page: number | null;
  /** Touching cell pairs where the two colours meet. */
  contacts: number;
  box: NormalizedBox;
}

/** Side of the square cells whose dominant colours are compared (analysis pixels). */
export const FORBIDDEN_PAIR_CELL = 8;

/**
 * Where the two colours of a forbidden pair meet: each cell takes the palette
 * colour covering most of it (within the family tolerance, ≥ 60 % of the cell),
 * and touching cells of the two colours are counted.
 */
export function detectForbiddenPairs(
  image: RgbImage,
  index: ColorIndex,
  palette: readonly PaletteEntry[],
  pairs: readonly ForbiddenPair[],
  familyTolerance: number,
  cellSize = FORBIDDEN_PAIR_CELL,
  minContacts = 4,
): ForbiddenPairHit[] {
  if (pairs.length === 0) return [];
  const { width, height } = image;
  const cw = Math.ceil(width / cellSize);
  const ch = Math.ceil(height / cellSize);
  const memo = index.familyCells;
  // measurePixels tallies the cells in its own pixel pass when asked; otherwise sample here.
  const { counts, totals } =
    memo && memo.cellSize === cellSize && memo.tolerance === familyTolerance && memo.cw === cw && memo.ch === ch
      ? memo
      : sampleFamilyCells(image, index, palette, familyTolerance, cellSize, cw, ch);
  const dominant = dominantCells(counts, totals, cw * ch, palette.length);
  const hits: ForbiddenPairHit[] = [];
  for (const pair of pairs) {
    const { contacts, x0, y0, x1, y1 } = pairContacts(dominant, cw, ch, pair.a, pair.b);
    if (contacts < minContacts) continue;
    const pa = palette[pair.a]!;
    const pb = palette[pair.b]!;
    hits.push({
      colors: [pa.name, pb.name],
      hexes: [pa.hex, pb.hex],
      instruction: pair.instruction,
      severity: pair.severity,
      page: pair.page,
      contacts,
      box: {
        x: (x0 * cellSize) / width,
        y: (y0 * cellSize) / height,
        w: Math.min(1, ((x1 + 1 - x0) * cellSize) / width),
        h: Math.min(1, ((y1 + 1 - y0) * cellSize) / height),
      },
    });
  }
  return hits;
}

function sampleFamilyCells(
  image: RgbImage,
  index: ColorIndex,
  palette: readonly PaletteEntry[],
  familyTolerance: number,
  cellSize: number,
  cw: number,
  ch: number,
): Pick<FamilyCells, 'counts' | 'totals'> {
  const { width, height, data } = image;
  const family = familyClasses(index, familyTolerance);
  const counts = new Uint16Array(cw * ch * palette.length);
  const totals = new Uint16Array(cw * ch);
  // Every other pixel in both directions: 16 samples per 8×8 cell decide its dominant colour.
  for (let y = 0; y < height; y += 2) {
    const rowCell = ((y / cellSize) | 0) * cw;
    for (let x = 0; x < width; x += 2) {
      const cell = rowCell + ((x / cellSize) | 0);
      totals[cell]!++;
      const i = (y * width + x) * 3;
      const k = family[fineBin(data[i]!, data[i + 1]!, data[i + 2]!)]!;
      if (k >= 0) counts[cell * palette.length + k]!++;
    }
  }
  return { counts, totals };
}

/** Per cell, the palette colour covering ≥ 60 % of its samples (the last such colour), or −1. */
function dominantCells(counts: Uint16Array, totals: Uint16Array, cells: number, k: number): Int32Array {
  const dominant = new Int32Array(cells).fill(-1);
  for (let c = 0; c < cells; c++) {
    for (let j = 0; j < k; j++) {
      if (counts[c * k + j]! >= 0.6 * totals[c]!) dominant[c] = j;
    }
  }
  return dominant;
}

/** Touching cell pairs (right and below) where colours a and b meet, and the cell box around them. */
function pairContacts(dominant: Int32Array, cw: number, ch: number, a: number, b: number) {
  let contacts = 0;
  let x0 = cw;
  let y0 = ch;
  let x1 = -1;
  let y1 = -1;
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      const here = dominant[cy * cw + cx]!;
      if (here !== a && here !== b) continue;
      const other = here === a ? b : a;
      // Touching, or across one mixed cell (a boundary resampled mid-cell belongs to neither colour).
      const r1 = cx + 1 < cw ? dominant[cy * cw + cx + 1]! : -2;
      const b1 = cy + 1 < ch ? dominant[(cy + 1) * cw + cx]! : -2;
      const right = r1 === other || (r1 === -1 && cx + 2 < cw && dominant[cy * cw + cx + 2] === other);
      const below = b1 === other || (b1 === -1 && cy + 2 < ch && dominant[(cy + 2) * cw + cx] === other);
      if (right) contacts++;
      if (below) contacts++;
      // Plain comparisons: a rarely taken branch calling Math.min would deoptimise the loop when first reached.
      if (right || below) {
        if (cx < x0) x0 = cx;
        if (cy < y0) y0 = cy;
        const xr = right ? (r1 === other ? cx + 1 : cx + 2) : cx;
        const yb = below ? (b1 === other ? cy + 1 : cy + 2) : cy;
        if (xr > x1) x1 = xr;
        if (yb > y1) y1 = yb;
      }
    }
  }
  return { contacts, x0, y0, x1, y1 };
}
