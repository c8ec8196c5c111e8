import { deltaE2000, rgb8ToLab, rgbToHex, type Lab } from '../../../../shared/color';
import type { LogoEvidence, NormalizedBox } from '../../../../shared/schema';
import type { DecodedImage } from '../decode';
import type { PaletteEntry } from '../palette';
import type { LogoMatch } from './locate';
import { luma } from './template';

/**
 * What the guidelines state about the logo, measured on the located logo: size against the
 * minimum width, clear space (a multiple of the logo's height) free of other elements and of the
 * image's edge, what is behind it (busy content by local variation, an off-palette or forbidden
 * colour), distortion (aspect ratio against the file's) and recolouring (ΔE00 of its ink against
 * the file's colours at the same places).
 */

export interface LogoRules {
  min_width_px: number;
  clear_space_ratio: number;
  forbidden_backgrounds: string[];
}

/** Limits of the checks, stated with every result. */
export const LOGO_LIMITS = {
  /** Width/height off the file's by more than this factor is distortion (8 %). */
  aspect: 1.08,
  /** Median ΔE00 of the ink against the file's colours. */
  recolour: 10,
  /** Share of the clear-space ring taken by something other than its background. */
  intrusion: 0.04,
  /** Mean luminance change between neighbouring pixels behind the logo (0..255) above which the background is busy. */
  busy: 7,
  /** A forbidden background colour within this ΔE00. */
  forbidden: 6,
} as const;

type Checks = LogoEvidence['checks'];

const clampBox = (x: number, y: number, w: number, h: number, W: number, H: number) => {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(W, Math.ceil(x + w));
  const y1 = Math.min(H, Math.ceil(y + h));
  return { x0, y0, x1, y1 };
};

/** The template's ink at the match, as a mask over the match box (nearest-neighbour). */
function inkAt(match: LogoMatch, W: number, H: number): { mask: Uint8Array; x0: number; y0: number; w: number; h: number; tx: Int32Array; ty: Int32Array } {
  const t = match.template;
  const { x0, y0, x1, y1 } = clampBox(match.x, match.y, match.w, match.h, W, H);
  const w = x1 - x0;
  const h = y1 - y0;
  const mask = new Uint8Array(w * h);
  const tx = new Int32Array(w);
  const ty = new Int32Array(h);
  for (let x = 0; x < w; x++) tx[x] = Math.min(t.width - 1, Math.max(0, Math.floor(((x0 + x + 0.5 - match.x) / match.w) * t.width)));
  for (let y = 0; y < h; y++) ty[y] = Math.min(t.height - 1, Math.max(0, Math.floor(((y0 + y + 0.5 - match.y) / match.h) * t.height)));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) mask[y * w + x] = t.ink[ty[y]! * t.width + tx[x]!]!;
  return { mask, x0, y0, w, h, tx, ty };
}

/** Ink pixels away from the ink's edge (resampling blends the edge with the background). */
function interior(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (mask[i] && mask[i - 1] && mask[i + 1] && mask[i - w] && mask[i + w]) out[i] = 1;
    }
  }
  return out;
}

/** Median ΔE00 between the file's ink colours and the image at the same places (the nearest within a pixel). */
function recolouring(image: DecodedImage, match: LogoMatch): Checks['colour'] {
  const t = match.template;
  const ink = inkAt(match, image.width, image.height);
  const core = interior(ink.mask, ink.w, ink.h);
  const deltas: number[] = [];
  const step = Math.max(1, Math.floor(Math.sqrt((ink.w * ink.h) / 2500)));
  const a: Lab = { l: 0, a: 0, b: 0 };
  const b: Lab = { l: 0, a: 0, b: 0 };
  for (let y = 0; y < ink.h; y += step) {
    for (let x = 0; x < ink.w; x += step) {
      if (!core[y * ink.w + x]) continue;
      const j = (ink.ty[y]! * t.width + ink.tx[x]!) * 3;
      rgb8ToLab(t.rgb[j]!, t.rgb[j + 1]!, t.rgb[j + 2]!, b);
      // The closest colour within a pixel: a match a pixel off does not read as recolouring.
      let nearest = Infinity;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const px = Math.min(image.width - 1, Math.max(0, ink.x0 + x + dx));
          const py = Math.min(image.height - 1, Math.max(0, ink.y0 + y + dy));
          const i = (py * image.width + px) * 3;
          rgb8ToLab(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, a);
          nearest = Math.min(nearest, deltaE2000(a, b));
        }
      }
      deltas.push(nearest);
    }
  }
  if (deltas.length < 12) return null;
  deltas.sort((p, q) => p - q);
  const median = deltas[deltas.length >> 1]!;
  const inverted = match.polarity < 0;
  return { ok: !inverted && median <= LOGO_LIMITS.recolour, delta_e: Math.round(median * 10) / 10, limit: LOGO_LIMITS.recolour, inverted };
}

/**
 * The ring around the logo: pixels within `margin` of its box, outside it. Returns its
 * pixel indices (for sampling), the most common colour there (the background) and how much of
 * the ring is something else (an element crowding the logo).
 */
function ring(image: DecodedImage, match: LogoMatch, margin: number) {
  const { width: W, height: H, data } = image;
  const outer = clampBox(match.x - margin, match.y - margin, match.w + 2 * margin, match.h + 2 * margin, W, H);
  const inner = clampBox(match.x, match.y, match.w, match.h, W, H);
  const step = Math.max(1, Math.floor(Math.sqrt(((outer.x1 - outer.x0) * (outer.y1 - outer.y0)) / 40_000)));
  const pixels: number[] = [];
  const counts = new Map<number, number>();
  for (let y = outer.y0; y < outer.y1; y += step) {
    for (let x = outer.x0; x < outer.x1; x += step) {
      if (x >= inner.x0 && x < inner.x1 && y >= inner.y0 && y < inner.y1) continue;
      const i = (y * W + x) * 3;
      pixels.push(i);
      const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let mode = -1;
  let most = 0;
  for (const [k, n] of counts) if (n > most) [mode, most] = [k, n];
  // The background's colour: the mean of the pixels in the commonest bin.
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (const i of pixels) {
    const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
    if (key !== mode) continue;
    r += data[i]!;
    g += data[i + 1]!;
    b += data[i + 2]!;
    n++;
  }
  const bg = n > 0 ? [r / n, g / n, b / n] : [255, 255, 255];
  let other = 0;
  for (const i of pixels) if (Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!) > 48) other++;
  return { outer, pixels, step, background: { r: bg[0]!, g: bg[1]!, b: bg[2]! }, intrusion: pixels.length ? other / pixels.length : 0 };
}

/**
 * How busy the background behind the logo is (0..255): the larger of the mean luminance change
 * between neighbouring pixels (fine texture) and the standard deviation of luminance near the
 * background's colour (shading; compression keeps it where it smooths the fine texture away),
 * over the ring and the gaps inside the logo's box, away from the ink (its own edges are not the
 * background's).
 */
/**
 * Luminance spread counts at this weight against the busy limit: a plain field, compressed, spreads
 * by 2 at most; shading or shapes of a photograph behind the logo by 6 (of 255) and more.
 */
const SPREAD_WEIGHT = LOGO_LIMITS.busy / 6;

function busyness(image: DecodedImage, match: LogoMatch, margin: number, background: { r: number; g: number; b: number }): number {
  const { width: W, height: H, data } = image;
  const outer = clampBox(match.x - margin, match.y - margin, match.w + 2 * margin, match.h + 2 * margin, W, H);
  const ink = inkAt(match, W, H);
  const near = (x: number, y: number) => {
    const lx = x - ink.x0;
    const ly = y - ink.y0;
    if (lx < -2 || ly < -2 || lx >= ink.w + 2 || ly >= ink.h + 2) return false;
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const xx = lx + dx;
        const yy = ly + dy;
        if (xx >= 0 && yy >= 0 && xx < ink.w && yy < ink.h && ink.mask[yy * ink.w + xx]) return true;
      }
    }
    return false;
  };
  const lum = (x: number, y: number) => {
    const i = (y * W + x) * 3;
    return luma(data[i]!, data[i + 1]!, data[i + 2]!);
  };
  const step = Math.max(1, Math.floor(Math.sqrt(((outer.x1 - outer.x0) * (outer.y1 - outer.y0)) / 20_000)));
  let change = 0;
  let sum = 0;
  let sq = 0;
  let n = 0;
  let m = 0;
  for (let y = outer.y0; y < outer.y1 - 1; y += step) {
    for (let x = outer.x0; x < outer.x1 - 1; x += step) {
      if (near(x, y) || near(x + 1, y + 1)) continue;
      const v = lum(x, y);
      change += Math.abs(lum(x + 1, y) - v) + Math.abs(lum(x, y + 1) - v);
      n++;
      // The spread of the background itself: an element of another colour in the ring is crowding, not busyness.
      const i = (y * W + x) * 3;
      if (Math.abs(data[i]! - background.r) + Math.abs(data[i + 1]! - background.g) + Math.abs(data[i + 2]! - background.b) > 48) continue;
      sum += v;
      sq += v * v;
      m++;
    }
  }
  if (n === 0) return 0;
  const spread = m > 0 ? Math.sqrt(Math.max(0, sq / m - (sum / m) ** 2)) : 0;
  return Math.max(change / n / 2, spread * SPREAD_WEIGHT);
}

function nearestPalette(lab: Lab, palette: readonly PaletteEntry[]): { name: string; delta_e: number } | null {
  let best: { name: string; delta_e: number } | null = null;
  for (const p of palette) {
    const d = deltaE2000(lab, p.lab);
    if (!best || d < best.delta_e) best = { name: p.name, delta_e: d };
  }
  return best;
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** Every check the located logo allows, against the rules the brand states (a rule left at 0 is not checked). */
export function checkLogo(image: DecodedImage, match: LogoMatch, rules: LogoRules, palette: readonly PaletteEntry[], familyTolerance: number): Checks {
  const { width: W, height: H } = image;
  const sourceScale = image.source.width / W;
  const widthPx = Math.round(match.w * sourceScale);
  const size = rules.min_width_px > 0 ? { ok: widthPx >= rules.min_width_px, width_px: widthPx, min_px: rules.min_width_px } : null;

  const logH = Math.log(match.aspect);
  const distortion = { ok: Math.abs(logH) <= Math.log(LOGO_LIMITS.aspect), aspect: Math.round(match.aspect * 100) / 100, limit: LOGO_LIMITS.aspect };

  // What is behind the logo: the ring of its clear space, or a quarter of its height when none is stated.
  const margin = Math.max(2, (rules.clear_space_ratio > 0 ? rules.clear_space_ratio : 0.25) * match.h);
  const around = ring(image, match, margin);
  const busy = busyness(image, match, margin, around.background);
  const busyOk = busy <= LOGO_LIMITS.busy;
  const bgHex = rgbToHex(around.background);
  const bgLab = rgb8ToLab(around.background.r, around.background.g, around.background.b);
  const nearest = nearestPalette(bgLab, palette);
  const offPalette = busyOk && nearest !== null && nearest.delta_e > familyTolerance;
  const forbidden = rules.forbidden_backgrounds.find((hex) => /^#[0-9A-F]{6}$/i.test(hex) && deltaE2000(bgLab, rgb8ToLab(Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16))) <= LOGO_LIMITS.forbidden) ?? null;
  const background = {
    ok: busyOk && !offPalette && forbidden === null,
    hex: bgHex,
    busy: Math.round(busy * 10) / 10,
    busy_limit: LOGO_LIMITS.busy,
    busy_ok: busyOk,
    nearest: nearest?.name ?? null,
    delta_e: nearest ? Math.round(nearest.delta_e * 10) / 10 : null,
    off_palette: offPalette,
    forbidden,
  };

  let clearSpace: Checks['clear_space'] = null;
  if (rules.clear_space_ratio > 0) {
    // The image's edge counts when it cuts away more than half the space the logo needs on a side.
    const need = rules.clear_space_ratio * match.h;
    const edge = match.x < need / 2 || match.y < need / 2 || W - (match.x + match.w) < need / 2 || H - (match.y + match.h) < need / 2;
    // Behind a busy photograph the ring is all "other": that is the background finding, not crowding.
    const intrusion = busyOk ? around.intrusion : 0;
    clearSpace = {
      ok: !edge && intrusion <= LOGO_LIMITS.intrusion,
      required_px: Math.round(need * sourceScale),
      intrusion_share: Math.round(intrusion * 1000) / 1000,
      limit: LOGO_LIMITS.intrusion,
      edge,
      box: { x: r3(around.outer.x0 / W), y: r3(around.outer.y0 / H), w: r3((around.outer.x1 - around.outer.x0) / W), h: r3((around.outer.y1 - around.outer.y0) / H) },
    };
  }
  return { size, clear_space: clearSpace, background, distortion, colour: recolouring(image, match) };
}

export function boxOf(match: LogoMatch, W: number, H: number): NormalizedBox {
  const x = Math.max(0, match.x);
  const y = Math.max(0, match.y);
  return { x: r3(x / W), y: r3(y / H), w: r3(Math.min(W - x, match.w) / W), h: r3(Math.min(H - y, match.h) / H) };
}
