import { BufferPool } from './buffer-pool';
import type { RgbImage } from './color-index';
import { find } from './union-find';

/**
 * Step 2 of text detection (text-regions.ts): connected components of equal
 * colour mode (4-connectivity, labelled by runs), with each one's size, box,
 * colour sums and boundary edges.
 */

const pool = new BufferPool();

export interface Components {
  label: Int32Array;
  n: number;
  count: Int32Array;
  mode: Uint8Array;
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  sr: Float64Array;
  sg: Float64Array;
  sb: Float64Array;
  /** Boundary edges with other components. */
  edges: Int32Array;
}

/** Connected components of equal mode, by runs (union-find over runs, then per-pixel labels). */
export function labelComponents(map: Uint8Array, width: number, height: number): Components {
  const n = width * height;
  const label = pool.i32('label', n);
  // Runs: start x, end x (exclusive), row, mode.
  let runCap = 1 << 16;
  let rx0 = new Int32Array(runCap);
  let rx1 = new Int32Array(runCap);
  let parent = new Int32Array(runCap);
  let runs = 0;
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const rowStart = runs;
    let x = 0;
    let pr = prevStart;
    while (x < width) {
      const m = map[row + x]!;
      let e = x + 1;
      while (e < width && map[row + e] === m) e++;
      if (runs >= runCap) {
        runCap *= 2;
        const grow = (a: Int32Array) => {
          const b = new Int32Array(runCap);
          b.set(a);
          return b;
        };
        rx0 = grow(rx0);
        rx1 = grow(rx1);
        parent = grow(parent);
      }
      const id = runs++;
      rx0[id] = x;
      rx1[id] = e;
      parent[id] = id;
      // Overlapping runs of the previous row with the same mode.
      while (pr < prevEnd && rx1[pr]! <= x) pr++;
      for (let q = pr; q < prevEnd && rx0[q]! < e; q++) {
        if (map[row - width + rx0[q]!] === m) {
          const a = find(parent, id);
          const b = find(parent, q);
          if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
        }
      }
      x = e;
    }
    prevStart = rowStart;
    prevEnd = runs;
  }
  // Compact roots to component ids and write pixel labels.
  const compOf = new Int32Array(runs).fill(-1);
  let comps = 0;
  const rootId = new Int32Array(runs).fill(-1);
  for (let r = 0; r < runs; r++) {
    const root = find(parent, r);
    if (rootId[root] === -1) rootId[root] = comps++;
    compOf[r] = rootId[root]!;
  }
  const count = new Int32Array(comps);
  const mode = new Uint8Array(comps);
  const x0 = new Int32Array(comps).fill(width);
  const y0 = new Int32Array(comps).fill(height);
  const x1 = new Int32Array(comps).fill(-1);
  const y1 = new Int32Array(comps).fill(-1);
  let r = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      const c = compOf[r]!;
      const s = rx0[r]!;
      const e = rx1[r]!;
      r++;
      for (let p = row + s; p < row + e; p++) label[p] = c;
      count[c]! += e - s;
      mode[c] = map[row + s]!;
      if (s < x0[c]!) x0[c] = s;
      if (e - 1 > x1[c]!) x1[c] = e - 1;
      if (y < y0[c]!) y0[c] = y;
      if (y > y1[c]!) y1[c] = y;
      x = e;
    }
  }
  return {
    label,
    n: comps,
    count,
    mode,
    x0,
    y0,
    x1,
    y1,
    sr: new Float64Array(comps),
    sg: new Float64Array(comps),
    sb: new Float64Array(comps),
    edges: new Int32Array(comps),
  };
}

/** Colour sums of every component, and its boundary edges. */
export function componentEdges(image: RgbImage, c: Components): void {
  const { width, height, data } = image;
  const { label, sr, sg, sb, edges } = c;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const l = label[p]!;
      const i = p * 3;
      sr[l]! += data[i]!;
      sg[l]! += data[i + 1]!;
      sb[l]! += data[i + 2]!;
      if (x + 1 < width) {
        const q = label[p + 1]!;
        if (q !== l) {
          edges[l]!++;
          edges[q]!++;
        }
      }
      if (y + 1 < height) {
        const q = label[p + width]!;
        if (q !== l) {
          edges[l]!++;
          edges[q]!++;
        }
      }
    }
  }
}
