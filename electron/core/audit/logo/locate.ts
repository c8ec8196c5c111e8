import { polishAspect } from './aspect';
import { agreement, agreementAbove, boxStd, offsets, samplesOf, type Level, type Samples } from './edges';
import type { LogoTemplate } from './template';

export { pyramid, type Level } from './edges';

/**
 * Where a brand's logo is in an image: multi-scale shape matching on an image pyramid. The score
 * is the agreement of gradient directions (the logo's edges against the image's, each normalised
 * so that contrast does not count), summed with its sign within each kind of edge of the logo
 * (between the same two of its colours): a logo matches whatever it was recoloured to or placed
 * on, light on dark or dark on light, while edges of a photograph or of text point every way and
 * cancel. A coarse pass tries every other position at widths from 4 % of the image to all of it,
 * each on the pyramid level where the logo is about 24 pixels wide and 8 high, with flat windows
 * skipped; the best candidates are refined on finer levels over position, scale and aspect ratio
 * (a stretched logo is found, and its stretch measured).
 */

export interface LogoMatch {
  template: LogoTemplate;
  /** Box in analysis pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** |normalised cross-correlation| at the refined match, 0..1. */
  score: number;
  /** The match's width/height over the template's: 1 = undistorted. */
  aspect: number;
  /** +1 when light and dark are as in the file, −1 when inverted. */
  polarity: 1 | -1;
}

export interface LocateOptions {
  /** Narrowest logo searched for, as a share of the image width. */
  minWidthShare: number;
  /** Coarse candidates placed one level down per template and aspect. */
  refine: number;
  /** Placed candidates whose shape is refined. */
  shape: number;
}

export const DEFAULT_LOCATE: LocateOptions = { minWidthShare: 0.04, refine: 12, shape: 3 };


interface Candidate {
  template: LogoTemplate;
  level: number;
  /** Width/height over the template's. */
  aspect: number;
  /** Level-0 box. */
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
  signed: number;
}

/** Best positions of one template at one size on one level (every other position; strongest first). */
function scan(level: Level, scale: number, s: Samples, template: LogoTemplate, aspect: number, keep: number): Candidate[] {
  const out: Candidate[] = [];
  const off = offsets(s, level.w);
  let floor = 0;
  for (let y = 0; y + s.th <= level.h; y += 2) {
    for (let x = 0; x + s.tw <= level.w; x += 2) {
      // A flat window holds no logo: skip it before matching.
      if (boxStd(level, x, y, s.tw, s.th) < 4) continue;
      const found = agreementAbove(level, s, off, y * level.w + x, floor);
      if (!found) continue;
      const { score, signed } = found;
      out.push({ template, level: 0, aspect, x: x * scale, y: y * scale, w: s.tw * scale, h: s.th * scale, score, signed });
      if (out.length > keep * 8) {
        out.sort((a, b) => b.score - a.score);
        out.length = keep * 4;
        floor = out[out.length - 1]!.score;
      }
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, keep * 4);
}

const iou = (a: Candidate, b: Candidate) => {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const i = ix * iy;
  return i / (a.w * a.h + b.w * b.h - i);
};

/** The candidates worth refining: the strongest that are not the same box as a stronger one. */
function suppress(candidates: Candidate[], keep: number): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score)) {
    if (out.some((o) => iou(o, c) > 0.5)) continue;
    out.push(c);
    if (out.length >= keep) break;
  }
  return out;
}

/** Sizes and places tried around a candidate on a level, keeping the best. */
function refiner(levels: Level[], c: Candidate, minW: number) {
  const t = c.template;
  let best: Candidate = { ...c, score: -1, signed: 0 };
  const tryAt = (li: number, cx: number, cy: number, w: number, aspect: number, maxSamples: number) => {
    // Smaller than searched for: a few edge points fit anything.
    if (w < minW || w / (t.aspect * aspect) < MIN_HEIGHT) return;
    const level = levels[li]!;
    const scale = 2 ** li;
    const tw = Math.round(w / scale);
    const th = Math.round(w / (t.aspect * aspect) / scale);
    if (tw > level.w || th > level.h) return;
    const s = samplesOf(t, tw, th, maxSamples);
    if (!s) return;
    const x = Math.round(cx / scale - tw / 2);
    const y = Math.round(cy / scale - th / 2);
    if (x < 0 || y < 0 || x + tw > level.w || y + th > level.h) return;
    const { score, signed } = agreement(level, s, x, y);
    if (score > best.score) best = { template: t, level: li, aspect, x: x * scale, y: y * scale, w: tw * scale, h: th * scale, score, signed };
  };
  const sweep = (li: number, reach: number, scales: readonly number[], aspects: readonly number[], maxSamples: number) => {
    const from = best.score < 0 ? c : best;
    const cx = from.x + from.w / 2;
    const cy = from.y + from.h / 2;
    const step = 2 ** li;
    for (const a of aspects) for (const f of scales) for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) tryAt(li, cx + dx * step, cy + dy * step, from.w * f, a, maxSamples);
  };
  return { tryAt, sweep, best: () => best };
}

/** A coarse candidate placed and sized one level down: cheap enough to do for every candidate. */
function place(levels: Level[], c: Candidate, minW: number): Candidate {
  const r = refiner(levels, c, minW);
  const fine = Math.max(0, c.level - 1);
  r.sweep(fine, 2 ** (c.level - fine) + 1, [0.9, 0.95, 1, 1.05, 1.1], [c.aspect], 240);
  const best = r.best();
  return { ...best, level: c.level };
}

/**
 * A placed candidate's shape: its aspect ratio (a stretched logo widens or narrows about its
 * centre, keeping its height or its width), then position, scale and aspect polished two levels
 * further down, the stretch to within a few per cent (it is reported to the designer).
 */
function shape(levels: Level[], c: Candidate, minW: number): Candidate {
  const r = refiner(levels, c, minW);
  const t = c.template;
  const fine = Math.max(0, c.level - 1);
  const { x, y, w, h } = c;
  const aspects = [0.55, 0.62, 0.7, 0.78, 0.87, 0.93, 1, 1.07, 1.15, 1.28, 1.42, 1.6, 1.8];
  for (const a of aspects) {
    r.tryAt(fine, x + w / 2, y + h / 2, w, a, 240);
    r.tryAt(fine, x + w / 2, y + h / 2, h * t.aspect * a, a, 240);
  }
  const finest = Math.max(0, c.level - 2);
  const aspect = r.best().aspect;
  r.sweep(finest, 2, [0.97, 1, 1.03], [aspect * 0.96, aspect, aspect * 1.04], 480);
  const polished = r.best().aspect;
  r.sweep(finest, 1, [0.98, 1, 1.02], [0.94, 0.96, 0.98, 1.02, 1.04, 1.06].map((f) => polished * f).concat(polished), 480);
  // The last percent on the full-resolution image: a logo within its distortion limit must measure so.
  const last = r.best().aspect;
  r.sweep(0, 1, [0.99, 1, 1.01], [0.97, 0.98, 0.99, 1, 1.01, 1.02, 1.03].map((f) => last * f), 960);
  return r.best();
}

/** At the coarse level a logo is about this many pixels wide and high (up to twice as many), described by at most COARSE_SAMPLES points. */
const COARSE_PX = 24;
const COARSE_HIGH = 8;
const COARSE_SAMPLES = 96;

/**
 * The lowest logo searched for, in level-0 pixels: fewer rows than this hold no legible logo,
 * and a template squeezed into them matches any straight edge (a photograph's border).
 */
const MIN_HEIGHT = 10;

/** The narrowest logo searched for, in level-0 pixels. */
const minWidth = (base: Level, options: LocateOptions) => Math.max(20, options.minWidthShare * base.w);

/** Coarse candidates of one template at the given aspect ratios, over every width searched. */
function coarse(levels: Level[], template: LogoTemplate, aspects: readonly number[], options: LocateOptions): Candidate[] {
  const base = levels[0]!;
  const out: Candidate[] = [];
  for (const aspect of aspects) {
    const minW = minWidth(base, options);
    const maxW = Math.min(base.w, base.h * template.aspect * aspect) * 0.98;
    // Widths 9 % apart: at the coarse level a logo a little off its size already matches poorly.
    for (let w = minW; w <= maxW; w *= 2 ** 0.125) {
      const h = w / (template.aspect * aspect);
      if (h < MIN_HEIGHT) continue;
      // Coarse, but enough to tell a logo from a block or a line of text: a wide logo keeps some height.
      const li = Math.min(levels.length - 1, Math.max(0, Math.floor(Math.log2(Math.min(w / COARSE_PX, h / COARSE_HIGH)))));
      const level = levels[li]!;
      const scale = 2 ** li;
      const s = samplesOf(template, Math.round(w / scale), Math.round(h / scale), COARSE_SAMPLES);
      if (!s || s.tw > level.w || s.th > level.h) continue;
      for (const c of scan(level, scale, s, template, aspect, 3)) out.push({ ...c, level: li });
    }
  }
  return out;
}

/** A refined score this high is taken as the logo without trying the other templates or aspect ratios. */
const CONFIDENT = 0.75;

/**
 * The best match of any of the templates, or null when nothing matches at all. The caller
 * decides what score counts as found. Templates are tried in the given order (the likelier
 * variant first); a confident match ends the search, so an image showing its logo costs one
 * template, and only a miss tries the likeliest file stretched at the coarse level too.
 */
export function locateLogo(levels: Level[], templates: readonly LogoTemplate[], options: LocateOptions = DEFAULT_LOCATE): LogoMatch | null {
  let best: Candidate | null = null;
  // A little under the coarse pass's narrowest: refinement may shrink a match by a tenth.
  const minW = 0.9 * minWidth(levels[0]!, options);
  const consider = (candidates: Candidate[]) => {
    // Every candidate placed one level down; the best few shaped (a true logo can rank low at the coarse level).
    const placed = suppress(candidates, options.refine).map((c) => place(levels, c, minW)).filter((c) => c.score >= 0);
    for (const c of placed.sort((a, b) => b.score - a.score).slice(0, options.shape)) {
      const r = shape(levels, c, minW);
      if (!best || r.score > best.score) best = r;
    }
  };
  for (const template of templates) {
    consider(coarse(levels, template, [1], options));
    if (best && (best as Candidate).score >= CONFIDENT) break;
  }
  // Not found as drawn: the likeliest file, stretched (width or height by about half).
  if (!best || (best as Candidate).score < CONFIDENT) for (const aspect of [0.68, 1.47]) consider(coarse(levels, templates[0]!, [aspect], options));
  const b = best as Candidate | null;
  if (!b) return null;
  const match: LogoMatch = { template: b.template, x: b.x, y: b.y, w: b.w, h: b.h, score: b.score, aspect: b.aspect, polarity: b.signed >= 0 ? 1 : -1 };
  return b.signed > 0 ? polishAspect(levels, match) : match;
}
