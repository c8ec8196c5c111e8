import { deltaE76, type Lab } from '../../../shared/color';
import { BufferPool } from './buffer-pool';
import type { ColorIndex, RgbImage } from './color-index';

/**
 * Step 1 of text detection (text-regions.ts): the image's colour bins are
 * grouped into modes (ΔE76 ≤ 6), and every pixel gets its mode.
 */

const MODE_RADIUS = 6;
const MAX_MODES = 250;

const pool = new BufferPool();

export interface Modes {
  /** Mode per colour bin of the index. */
  ofBin: Uint8Array;
  count: Float64Array;
  r: Float64Array;
  g: Float64Array;
  b: Float64Array;
  n: number;
}

/** Bins grouped greedily (largest first) into modes within MODE_RADIUS. */
export function colourModes(index: ColorIndex): Modes {
  const bins = index.count.length;
  const order = Array.from({ length: bins }, (_, i) => i).sort((a, b) => index.count[b]! - index.count[a]!);
  const seeds: Lab[] = [];
  const ofBin = new Uint8Array(bins);
  const count = new Float64Array(MAX_MODES);
  const r = new Float64Array(MAX_MODES);
  const g = new Float64Array(MAX_MODES);
  const b = new Float64Array(MAX_MODES);
  for (const id of order) {
    const lab = index.lab[id]!;
    let best = -1;
    let bestD = Infinity;
    for (let m = 0; m < seeds.length; m++) {
      const s = seeds[m]!;
      const dl = lab.l - s.l;
      if (dl > bestD || -dl > bestD) continue;
      const d = deltaE76(lab, s);
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    if (best < 0 || (bestD > MODE_RADIUS && seeds.length < MAX_MODES)) {
      seeds.push(lab);
      best = seeds.length - 1;
    }
    ofBin[id] = best;
    const c = index.count[id]!;
    count[best]! += c;
    r[best]! += index.meanR[id]! * c;
    g[best]! += index.meanG[id]! * c;
    b[best]! += index.meanB[id]! * c;
  }
  const n = seeds.length;
  for (let m = 0; m < n; m++) {
    r[m] = r[m]! / count[m]!;
    g[m] = g[m]! / count[m]!;
    b[m] = b[m]! / count[m]!;
  }
  return { ofBin, count, r, g, b, n };
}

/** Every pixel's mode, in a pooled buffer valid until the next call. */
export function pixelModes(image: RgbImage, index: ColorIndex, modes: Modes): Uint8Array {
  const map = pool.u8('modes', image.width * image.height);
  modeMap(image, index, modes, map);
  return map;
}

function modeMap(image: RgbImage, index: ColorIndex, modes: Modes, out: Uint8Array): void {
  const { data } = image;
  const { binOf } = index;
  const { ofBin } = modes;
  const n = image.width * image.height;
  for (let p = 0, i = 0; p < n; p++, i += 3) {
    out[p] = ofBin[binOf[((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2)]!]!;
  }
}
