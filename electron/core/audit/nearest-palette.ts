import { deltaE2000, type Lab } from '../../../shared/color';
import type { PaletteEntry } from './palette';

/**
 * Nearest palette colour by ΔE00, exactly as a brute-force scan finds it
 * (smallest ΔE00, lowest palette index on ties), but skipping colours that
 * provably cannot win.
 *
 * The bound: ΔE00² = (ΔL/S_L)² + x² + y² + R_T·x·y with |R_T| ≤ 2, and that
 * chroma/hue part is never negative, so ΔE00 ≥ |ΔL| / S_L, where S_L depends
 * only on the two lightnesses. Candidates are tried in order of that bound and
 * the scan stops once the bound exceeds the best distance found (with a margin
 * far above floating-point error, so a tie is never skipped).
 */
export class NearestPaletteSearch {
  /** ΔE00 to the colour the last `nearest` call returned (Infinity if none). */
  distance = Infinity;
  private readonly labs: Lab[];
  private readonly lightness: Float64Array;
  private readonly order: Int32Array;
  private readonly bound: Float64Array;

  constructor(palette: readonly PaletteEntry[]) {
    this.labs = palette.map((p) => p.lab);
    this.lightness = Float64Array.from(palette, (p) => p.lab.l);
    this.order = new Int32Array(palette.length);
    this.bound = new Float64Array(palette.length);
  }

  /** Palette index of the nearest colour, −1 for an empty palette. */
  nearest(lab: Lab): number {
    const k = this.labs.length;
    const { order, bound, lightness, labs } = this;
    // Insertion sort by lower bound: palettes are small.
    for (let i = 0; i < k; i++) {
      const dl = lab.l - lightness[i]!;
      const lm50 = ((lab.l + lightness[i]!) / 2 - 50) ** 2;
      const b = Math.abs(dl) / (1 + (0.015 * lm50) / Math.sqrt(20 + lm50));
      let j = i;
      while (j > 0 && bound[j - 1]! > b) {
        bound[j] = bound[j - 1]!;
        order[j] = order[j - 1]!;
        j--;
      }
      bound[j] = b;
      order[j] = i;
    }
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < k; j++) {
      if (bound[j]! > bestD + 1e-9) break;
      const i = order[j]!;
      const d = deltaE2000(lab, labs[i]!);
      if (d < bestD || (d === bestD && i < best)) {
        bestD = d;
        best = i;
      }
    }
    this.distance = bestD;
    return best;
  }
}

/** The reference the search must agree with: every palette colour, in order. */
export function nearestPaletteBruteForce(lab: Lab, palette: readonly PaletteEntry[]): { index: number; distance: number } {
  let index = -1;
  let distance = Infinity;
  for (let i = 0; i < palette.length; i++) {
    const d = deltaE2000(lab, palette[i]!.lab);
    if (d < distance) {
      distance = d;
      index = i;
    }
  }
  return { index, distance };
}
