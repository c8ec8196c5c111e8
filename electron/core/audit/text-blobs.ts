import type { RgbImage } from './color-index';
import type { Components } from './text-components';
import { find, unite } from './union-find';

/**
 * Part of step 2 of text detection (text-regions.ts): the small components
 * that touch are joined into blobs, so a glyph is one blob with its
 * anti-aliased rim and counters, however faint or thin it is.
 */

export interface Blobs {
  /** Blob per component (−1 for containers). */
  of: Int32Array;
  n: number;
  count: Int32Array;
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  /** Edges to pixels outside the blob. */
  edges: Int32Array;
  /** The member component farthest in colour from the blob's surroundings. */
  far: Int32Array;
  /** Pixels of the blob between its text colour and its surroundings (the anti-aliased or shaded rim). */
  rim: Int32Array;
  /** The blob touches surfaces of two different colours (an edge between areas, not a glyph on one). */
  multi: Uint8Array;
}

/** Non-container components that touch are joined; per blob: size, box, outer edges, and its most extreme member. */
export function joinBlobs(image: RgbImage, comp: Components, container: Uint8Array): Blobs {
  const { width, height, data } = image;
  const { label } = comp;
  const parent = Int32Array.from({ length: comp.n }, (_, i) => i);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = label[row + x]!;
      if (container[l]) continue;
      if (x + 1 < width) {
        const q = label[row + x + 1]!;
        if (q !== l && !container[q]) unite(parent, l, q);
      }
      if (y + 1 < height) {
        const q = label[row + width + x]!;
        if (q !== l && !container[q]) unite(parent, l, q);
      }
    }
  }
  const of = new Int32Array(comp.n).fill(-1);
  let n = 0;
  const idOfRoot = new Int32Array(comp.n).fill(-1);
  for (let c = 0; c < comp.n; c++) {
    if (container[c]) continue;
    const r = find(parent, c);
    if (idOfRoot[r] === -1) idOfRoot[r] = n++;
    of[c] = idOfRoot[r]!;
  }
  const blobs: Blobs = {
    of,
    n,
    count: new Int32Array(n),
    x0: new Int32Array(n).fill(width),
    y0: new Int32Array(n).fill(height),
    x1: new Int32Array(n).fill(-1),
    y1: new Int32Array(n).fill(-1),
    edges: new Int32Array(n),
    far: new Int32Array(n).fill(-1),
    rim: new Int32Array(n),
    multi: new Uint8Array(n),
  };
  const touched = new Int32Array(n).fill(-1);
  const farD = new Float64Array(n);
  // The brightest/darkest member relative to the blob's neighbours is found per blob from the members' colours.
  const neighbourSum = new Float64Array(n * 4);
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0) continue;
    blobs.count[b]! += comp.count[c]!;
    if (comp.x0[c]! < blobs.x0[b]!) blobs.x0[b] = comp.x0[c]!;
    if (comp.y0[c]! < blobs.y0[b]!) blobs.y0[b] = comp.y0[c]!;
    if (comp.x1[c]! > blobs.x1[b]!) blobs.x1[b] = comp.x1[c]!;
    if (comp.y1[c]! > blobs.y1[b]!) blobs.y1[b] = comp.y1[c]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      const l = label[p]!;
      const bl = of[l]!;
      const i = p * 3;
      if (x + 1 < width) {
        const q = label[p + 1]!;
        const bq = of[q]!;
        if (bl !== bq || bl < 0) outerEdge(blobs, neighbourSum, data, i, i + 3, bl, bq);
        if (bl >= 0 && bq < 0) touch(blobs, touched, comp.mode, bl, q);
        else if (bq >= 0 && bl < 0) touch(blobs, touched, comp.mode, bq, l);
      }
      if (y + 1 < height) {
        const q = label[p + width]!;
        const bq = of[q]!;
        if (bl !== bq || bl < 0) outerEdge(blobs, neighbourSum, data, i, i + width * 3, bl, bq);
        if (bl >= 0 && bq < 0) touch(blobs, touched, comp.mode, bl, q);
        else if (bq >= 0 && bl < 0) touch(blobs, touched, comp.mode, bq, l);
      }
    }
  }
  // The member whose mean colour is farthest from the mean colour just outside the blob.
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0) continue;
    const k = neighbourSum[b * 4 + 3]!;
    if (k === 0) continue;
    const cnt = comp.count[c]!;
    const d = Math.max(
      Math.abs(comp.sr[c]! / cnt - neighbourSum[b * 4]! / k),
      Math.abs(comp.sg[c]! / cnt - neighbourSum[b * 4 + 1]! / k),
      Math.abs(comp.sb[c]! / cnt - neighbourSum[b * 4 + 2]! / k),
    );
    // Weighted a little by size so a single stray pixel does not stand for the text colour.
    const score = d * Math.min(1, cnt / 4);
    if (blobs.far[b] === -1 || score > farD[b]!) {
      blobs.far[b] = c;
      farD[b] = score;
    }
  }
  // Rim: members much closer to the surroundings than the text colour is.
  const distOf = (c: number, b: number) => {
    const k = neighbourSum[b * 4 + 3]!;
    const cnt = comp.count[c]!;
    return Math.max(
      Math.abs(comp.sr[c]! / cnt - neighbourSum[b * 4]! / k),
      Math.abs(comp.sg[c]! / cnt - neighbourSum[b * 4 + 1]! / k),
      Math.abs(comp.sb[c]! / cnt - neighbourSum[b * 4 + 2]! / k),
    );
  };
  for (let c = 0; c < comp.n; c++) {
    const b = of[c]!;
    if (b < 0 || blobs.far[b]! < 0 || neighbourSum[b * 4 + 3] === 0) continue;
    if (distOf(c, b) < 0.6 * distOf(blobs.far[b]!, b)) blobs.rim[b]! += comp.count[c]!;
  }
  return blobs;
}

/** Record which surface colours a blob touches. */
function touch(blobs: Blobs, touched: Int32Array, mode: Uint8Array, b: number, container: number): void {
  const m = mode[container]!;
  if (touched[b] === -1) touched[b] = m;
  else if (touched[b] !== m) blobs.multi[b] = 1;
}

function outerEdge(blobs: Blobs, neighbourSum: Float64Array, data: Uint8Array, i: number, j: number, bi: number, bj: number): void {
  if (bi === bj) return;
  if (bi >= 0) {
    blobs.edges[bi]!++;
    neighbourSum[bi * 4]! += data[j]!;
    neighbourSum[bi * 4 + 1]! += data[j + 1]!;
    neighbourSum[bi * 4 + 2]! += data[j + 2]!;
    neighbourSum[bi * 4 + 3]!++;
  }
  if (bj >= 0) {
    blobs.edges[bj]!++;
    neighbourSum[bj * 4]! += data[i]!;
    neighbourSum[bj * 4 + 1]! += data[i + 1]!;
    neighbourSum[bj * 4 + 2]! += data[i + 2]!;
    neighbourSum[bj * 4 + 3]!++;
  }
}
