import { hexToRgb } from '../../../shared/color';
import { BufferPool } from './buffer-pool';
import type { ColorIndex, RgbImage } from './color-index';
import type { PaletteEntry } from './palette';

/**
 * Role shares count area as it was painted. A pixel that is no palette colour
 * but sits beside one and reads as a mix of two — an anti-aliased edge, or a
 * thin stroke whose colour JPEG/WebP bled into its background (they keep
 * colour at half resolution, lightness at full) — is split between those two
 * colours by how much of each it holds, instead of being dropped. Dropping it
 * undercounts whatever is drawn thin: body text loses a quarter of its area.
 * Edge pixels close enough to count for one colour's family are split by
 * their mix the same way, so a stroke's faint outer pixels do not all go to
 * the background. Only colours present in the image take part, and only
 * where some pixel beside the mixed one has one of the two colours.
 *
 * The mix is fitted in YCbCr, the space the codecs subsample in: the share
 * comes from luma (kept at full resolution), chroma only has to lie on the
 * line between the two colours. The ends are each colour as rendered in this
 * image (the mean of its family's pixels), so a colour the codec darkened
 * still explains its own edges.
 */

/** Largest distance (YCbCr code values) between a pixel and the mix that explains it: compression noise, not a third colour. */
export const MIX_RESIDUAL = 8;
/** Below this luma difference two colours are told apart by chroma. */
const LUMA_SPLIT = 8;
/** A colour with fewer family pixels than this is not in the image: no pixel is a mix with it. */
const MIN_RENDERED = 64;
/** Local colours are remembered per colour bin as a bit mask. */
const MAX_MASKED = 31;
const OUTSIDE = -2;

interface Ycc {
  y: Float64Array;
  cb: Float64Array;
  cr: Float64Array;
  present: Uint8Array;
}

const pool = new BufferPool();

/** Per cell: off-palette and all pixels (cells all off or all family hold no mixed edge worth re-counting). */
export interface OffCellCounts {
  cw: number;
  off: Uint32Array;
  total: Uint32Array;
}

/**
 * Area (in pixels, fractional) each palette colour gains — or, for family
 * pixels re-counted by their mix, loses — from mixed pixels, to add to the
 * family counts. `family` is the family class per fine bin (−1 off-palette).
 * Only cells with off-palette pixels among family ones are visited.
 */
export function mixedEdgeAreas(
  image: RgbImage,
  index: ColorIndex,
  family: Int32Array,
  familyTolerance: number,
  palette: readonly PaletteEntry[],
  cells: OffCellCounts,
  cellSize: number,
): Float64Array {
  const k = palette.length;
  const gained = new Float64Array(k);
  if (k < 2) return gained;
  const ends = renderedEnds(index, familyTolerance, palette);
  const bins = index.count.length;
  // Per colour bin: the local colours the last fit was made for, and its result.
  const memoMask = pool.i32('mask', bins).fill(0);
  const memoA = pool.i32('a', bins);
  const memoB = pool.i32('b', bins);
  const memoAlpha = pool.f64('alpha', bins);
  const { width, height, data } = image;
  const { binOf, meanR, meanG, meanB } = index;
  const memoise = k <= MAX_MASKED;
  const local = pool.i32('local', 9);

  // The classes of one cell and the ring of pixels around it, so each neighbour is classified once.
  const span = cellSize + 2;
  const around = pool.i32('around', span * span);

  for (let c = 0; c < cells.off.length; c++) {
    const off = cells.off[c]!;
    if (off === 0 || off === cells.total[c]) continue;
    const x0 = (c % cells.cw) * cellSize;
    const y0 = ((c / cells.cw) | 0) * cellSize;
    const x1 = Math.min(width, x0 + cellSize);
    const y1 = Math.min(height, y0 + cellSize);
    for (let y = y0 - 1, o = 0; y <= y0 + cellSize; y++) {
      for (let x = x0 - 1; x <= x0 + cellSize; x++, o++) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
          around[o] = OUTSIDE;
          continue;
        }
        const i = (y * width + x) * 3;
        around[o] = family[((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2)]!;
      }
    }
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const o = (y - y0 + 1) * span + (x - x0 + 1);
        const own = around[o]!;
        // Inside a field of one colour nothing is mixed (the common case, tested first).
        if (
          own >= 0 &&
          around[o - 1] === own &&
          around[o + 1] === own &&
          around[o - span] === own &&
          around[o + span] === own &&
          around[o - span - 1] === own &&
          around[o - span + 1] === own &&
          around[o + span - 1] === own &&
          around[o + span + 1] === own
        ) {
          continue;
        }
        // The palette colours of the pixel and its eight neighbours, and whether any differs from it.
        let mask = 0;
        let locals = 0;
        let edge = false;
        for (let dy = -span; dy <= span; dy += span) {
          for (let dx = -1; dx <= 1; dx++) {
            const n = around[o + dy + dx]!;
            if (n === OUTSIDE) continue;
            if (n !== own) edge = true;
            if (n < 0) continue;
            if (memoise) {
              const bit = 1 << n;
              if ((mask & bit) === 0) {
                mask |= bit;
                local[locals++] = n;
              }
            } else if (!local.subarray(0, locals).includes(n)) local[locals++] = n;
          }
        }
        if (locals === 0 || !edge) continue;
        const i = (y * width + x) * 3;
        const id = binOf[((data[i]! >> 2) << 12) | ((data[i + 1]! >> 2) << 6) | (data[i + 2]! >> 2)]!;
        if (!memoise || memoMask[id] !== mask) {
          fitMix(meanR[id]!, meanG[id]!, meanB[id]!, local, locals, ends, k, memoA, memoB, memoAlpha, id);
          memoMask[id] = mask;
        }
        const a = memoA[id]!;
        if (a < 0) continue;
        const alpha = memoAlpha[id]!;
        // A pixel within a colour's family was counted whole for it; it now counts by its mix.
        if (own >= 0) gained[own]! -= 1;
        gained[a]! += alpha;
        gained[memoB[id]!]! += 1 - alpha;
      }
    }
  }
  return gained;
}

/** Each palette colour as this image renders it: its family's mean, or its own value where it barely appears. */
function renderedEnds(index: ColorIndex, familyTolerance: number, palette: readonly PaletteEntry[]): Ycc {
  const k = palette.length;
  const sums = new Float64Array(k * 4);
  for (let id = 0; id < index.count.length; id++) {
    const n = index.nearest[id]!;
    if (n < 0 || index.deltaE[id]! > familyTolerance) continue;
    const c = index.count[id]!;
    sums[n * 4]! += c;
    sums[n * 4 + 1]! += c * index.meanR[id]!;
    sums[n * 4 + 2]! += c * index.meanG[id]!;
    sums[n * 4 + 3]! += c * index.meanB[id]!;
  }
  const ends: Ycc = { y: new Float64Array(k), cb: new Float64Array(k), cr: new Float64Array(k), present: new Uint8Array(k) };
  palette.forEach((p, n) => {
    const c = sums[n * 4]!;
    const rgb = c >= MIN_RENDERED ? { r: sums[n * 4 + 1]! / c, g: sums[n * 4 + 2]! / c, b: sums[n * 4 + 3]! / c } : hexToRgb(p.hex);
    ends.present[n] = c >= MIN_RENDERED ? 1 : 0;
    ends.y[n] = 0.299 * rgb.r + 0.587 * rgb.g + 0.114 * rgb.b;
    ends.cb[n] = -0.168736 * rgb.r - 0.331264 * rgb.g + 0.5 * rgb.b;
    ends.cr[n] = 0.5 * rgb.r - 0.418688 * rgb.g - 0.081312 * rgb.b;
  });
  return ends;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The best mix of a local colour and any palette colour for one pixel colour; memoA[id] = −1 when none is close enough. */
function fitMix(
  r: number,
  g: number,
  b: number,
  local: Int32Array,
  locals: number,
  ends: Ycc,
  k: number,
  memoA: Int32Array,
  memoB: Int32Array,
  memoAlpha: Float64Array,
  id: number,
): void {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
  let best = MIX_RESIDUAL;
  memoA[id] = -1;
  for (let l = 0; l < locals; l++) {
    const a = local[l]!;
    for (let o = 0; o < k; o++) {
      if (o === a || !ends.present[o]) continue;
      const dy = ends.y[a]! - ends.y[o]!;
      const dcb = ends.cb[a]! - ends.cb[o]!;
      const dcr = ends.cr[a]! - ends.cr[o]!;
      const dc = dcb * dcb + dcr * dcr;
      // Chroma's share along the line between the two; luma's share is the area.
      const beta = dc > 1 ? clamp01(((cb - ends.cb[o]!) * dcb + (cr - ends.cr[o]!) * dcr) / dc) : -1;
      const alpha = Math.abs(dy) > LUMA_SPLIT ? clamp01((y - ends.y[o]!) / dy) : beta;
      if (alpha < 0) continue;
      const chroma = beta < 0 ? alpha : beta;
      const ry = y - (ends.y[o]! + alpha * dy);
      const rcb = cb - (ends.cb[o]! + chroma * dcb);
      const rcr = cr - (ends.cr[o]! + chroma * dcr);
      const residual = Math.sqrt(ry * ry + rcb * rcb + rcr * rcr);
      if (residual < best) {
        best = residual;
        memoA[id] = a;
        memoB[id] = o;
        memoAlpha[id] = alpha;
      }
    }
  }
}
