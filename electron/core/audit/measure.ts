import { deltaE2000, deltaE76, rgb8ToLab, rgbToHex, type Lab } from '../../../shared/color';
import type { NormalizedBox } from '../../../shared/schema';
import { BufferPool } from './buffer-pool';
import { buildColorIndex, familyClasses, type ColorIndex, type RgbImage } from './color-index';
import { mixedEdgeAreas } from './mixed-edges';
import { scanPixelClasses, type OffCells } from './pixel-classes';
import { surfaceSamples } from './surfaces';
import { ROLE_GROUPS, targetShares, type PaletteEntry, type RoleShares } from './palette';

// Region labels, valid until the next measurement.
const pool = new BufferPool();

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
  const surfaces = extra.surfaces ? extra.surfaces(samples ?? undefined) : null;
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
    // Counted on the sampled rows: scaled to the image.
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
  // An estimate from the sampled rows never exceeds the off-palette pixels counted exactly.
  blended = Math.min(blended, n - family);
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
