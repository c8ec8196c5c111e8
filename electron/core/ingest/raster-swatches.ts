import type { FillEvidence } from './evidence-types';

/**
 * Flat rectangles of one colour in a rendered page (RGBA pixels): the swatches of a scanned or
 * flattened colour page. The page is read on a coarse grid of cells; a cell is flat when its
 * corners and centre agree; neighbouring flat cells of (nearly) the same colour form a region;
 * a region that fills its bounding box and has a swatch's size is a swatch. The colour is the
 * median of the region's cell centres (robust to anti-aliased edges and compression noise).
 */
const CELL = 4;
const FLAT = 10;
const SAME = 14;

export function findRasterSwatches(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): FillEvidence[] {
  const cols = Math.floor(width / CELL);
  const rows = Math.floor(height / CELL);
  const colour = new Int32Array(cols * rows).fill(-1);
  const at = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    return (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
  };
  const near = (a: number, b: number, t: number) =>
    Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) <= t && Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)) <= t && Math.abs((a & 255) - (b & 255)) <= t;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = c * CELL;
      const y = r * CELL;
      const centre = at(x + (CELL >> 1), y + (CELL >> 1));
      if (near(centre, at(x, y), FLAT) && near(centre, at(x + CELL - 1, y), FLAT) && near(centre, at(x, y + CELL - 1), FLAT) && near(centre, at(x + CELL - 1, y + CELL - 1), FLAT)) {
        colour[r * cols + c] = centre;
      }
    }
  }
  const seen = new Uint8Array(cols * rows);
  const out: FillEvidence[] = [];
  const stack: number[] = [];
  for (let start = 0; start < colour.length; start++) {
    if (seen[start] || colour[start]! < 0) continue;
    const seed = colour[start]!;
    const members: number[] = [];
    let minC = cols;
    let minR = rows;
    let maxC = 0;
    let maxR = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const r = (i / cols) | 0;
      const c = i - r * cols;
      if (c < minC) minC = c;
      if (c > maxC) maxC = c;
      if (r < minR) minR = r;
      if (r > maxR) maxR = r;
      for (const n of [c > 0 ? i - 1 : -1, c < cols - 1 ? i + 1 : -1, r > 0 ? i - cols : -1, r < rows - 1 ? i + cols : -1]) {
        if (n >= 0 && !seen[n] && colour[n]! >= 0 && near(colour[n]!, seed, SAME)) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const boxCells = (maxC - minC + 1) * (maxR - minR + 1);
    if (members.length < 24 || members.length < boxCells * 0.85) continue;
    const box = { x: (minC * CELL) / width, y: (minR * CELL) / height, w: ((maxC - minC + 1) * CELL) / width, h: ((maxR - minR + 1) * CELL) / height };
    const area = box.w * box.h;
    const aspect = (box.w * width) / (box.h * height);
    if (area < 0.0008 || area > 0.25 || aspect < 0.15 || aspect > 7) continue;
    const channel = (shift: number) => {
      const values = members.map((m) => (colour[m]! >> shift) & 255).sort((a, b) => a - b);
      return values[values.length >> 1]!;
    };
    const hex = `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
    // The page itself (white or a tint behind everything) is not a swatch.
    if (hex === '#FFFFFF' && area > 0.2) continue;
    out.push({ hex, box, area, rect: true, coverage: members.length / boxCells, raster: true });
  }
  return out;
}
