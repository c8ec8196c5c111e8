import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { rgb8ToLab, rgbToHex } from '../../../shared/color';
import type { NormalizedBox } from '../../../shared/schema';
import type { PageEvidence } from './evidence-types';
import { logoCandidatesOnPage, type LogoCandidate, type LogoPageRole } from './logo-candidates';
import { walkOperators, type OpCodes, type PatternIR } from './operator-walker';
import { DEFAULT_BUDGET, lookup } from './pdf-evidence';

/**
 * Logo candidates found and rendered from the PDF (runs in the evidence worker). A searched
 * page's operators are read as pdf.js renders them (its render list is optimised differently
 * from `getOperatorList`, so indices come from the render itself), grouped into candidates
 * (logo-candidates.ts), and each candidate is drawn alone on a transparent canvas — a vector logo
 * without the page, panel or construction lines around it, an embedded image as the PDF shows it.
 * The crop is trimmed to what was drawn and described for ranking (its ink colours, how light it
 * is, a coarse shape signature).
 */

export interface CandidateFeatures {
  /** Width / height of the trimmed crop. */
  aspect: number;
  /** Main colours of the ink (what is drawn, not its background), largest share first. */
  ink: { hex: string; share: number }[];
  /** Mean CIE L* of the ink (0 black … 100 white). */
  inkLightness: number;
  /** The crop has an opaque background of its own (an image) and this is its colour. */
  background: string | null;
  /** Ink density on a 16×16 grid over the crop, for telling repeats of one logo apart from other art. */
  signature: number[];
}

export interface RenderedCandidate extends LogoCandidate {
  /** The trimmed crop, RGBA: encoded to PNG only if the candidate is kept. */
  rgba: Uint8Array;
  width: number;
  height: number;
  features: CandidateFeatures;
}

export interface RenderBudget {
  /** Longest side of a rendered crop, in pixels. */
  maxSide: number;
  /** At most this many candidates are rendered. */
  maxCandidates: number;
  /** Stop starting new renders after this many milliseconds. */
  timeBudgetMs: number;
}

export const DEFAULT_RENDER_BUDGET: RenderBudget = { maxSide: 768, maxCandidates: DEFAULT_BUDGET.logoCandidates, timeBudgetMs: 8_000 };

type OpsTable = Record<string, number>;

/** Operators that put paint on the page; everything else (state, transforms, clipping) always runs. */
function paintingOps(ops: OpsTable): { paint: Set<number>; constructPath: number; pathPaint: Set<number> } {
  const paint = new Set<number>();
  for (const [name, code] of Object.entries(ops)) {
    if ((name.startsWith('paint') && !name.startsWith('paintFormXObject')) || name === 'shadingFill' || /^(showText|showSpacedText|nextLineShowText|nextLineSetSpacingShowText)$/.test(name)) paint.add(code);
  }
  const pathPaint = new Set(['fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke', 'stroke', 'closeStroke'].map((n) => ops[n]!).filter((v) => v !== undefined));
  return { paint, constructPath: ops['constructPath']!, pathPaint };
}

interface CanvasLike {
  width: number;
  height: number;
}
interface ContextLike {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
type CanvasFactory = { create(w: number, h: number): { canvas: CanvasLike; context: ContextLike }; destroy(c: unknown): void };

/** Pixel rectangle of what differs from the background: alpha where transparent, colour where the crop is opaque. */
function inkBounds(rgba: Uint8ClampedArray, w: number, h: number, background: [number, number, number] | null): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (!isInk(rgba, i, background)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

function isInk(rgba: Uint8ClampedArray, i: number, background: [number, number, number] | null): boolean {
  if (rgba[i + 3]! < 128) return false;
  if (!background) return true;
  return Math.abs(rgba[i]! - background[0]) + Math.abs(rgba[i + 1]! - background[1]) + Math.abs(rgba[i + 2]! - background[2]) > 36;
}

/** The colour of an opaque crop's edge when the edge is (nearly) one colour, else null. */
function uniformBorder(rgba: Uint8ClampedArray, w: number, h: number): [number, number, number] | null {
  const samples: number[] = [];
  const take = (x: number, y: number) => samples.push((y * w + x) * 4);
  for (let x = 0; x < w; x += Math.max(1, Math.floor(w / 64))) {
    take(x, 0);
    take(x, h - 1);
  }
  for (let y = 0; y < h; y += Math.max(1, Math.floor(h / 64))) {
    take(0, y);
    take(w - 1, y);
  }
  if (samples.some((i) => rgba[i + 3]! < 250)) return null;
  const mean = [0, 1, 2].map((c) => samples.reduce((s, i) => s + rgba[i + c]!, 0) / samples.length) as [number, number, number];
  const close = samples.filter((i) => Math.abs(rgba[i]! - mean[0]) + Math.abs(rgba[i + 1]! - mean[1]) + Math.abs(rgba[i + 2]! - mean[2]) <= 30).length;
  return close >= samples.length * 0.9 ? mean : null;
}

function describe(rgba: Uint8ClampedArray, w: number, h: number, r: { x0: number; y0: number; x1: number; y1: number }, background: [number, number, number] | null): CandidateFeatures {
  const cw = r.x1 - r.x0 + 1;
  const ch = r.y1 - r.y0 + 1;
  const bins = new Map<number, { n: number; r: number; g: number; b: number }>();
  const grid = new Float64Array(256);
  const cells = new Float64Array(256);
  let inkCount = 0;
  let lightness = 0;
  // A logo has few colours: each one's lightness is worked out once.
  const lightnessOf = new Map<number, number>();
  const step = Math.max(1, Math.floor(Math.sqrt((cw * ch) / 40_000)));
  for (let y = r.y0; y <= r.y1; y += step) {
    for (let x = r.x0; x <= r.x1; x += step) {
      const i = (y * w + x) * 4;
      const cell = Math.min(15, Math.floor(((y - r.y0) / ch) * 16)) * 16 + Math.min(15, Math.floor(((x - r.x0) / cw) * 16));
      cells[cell]! += 1;
      if (!isInk(rgba, i, background)) continue;
      grid[cell]! += 1;
      inkCount++;
      const key = ((rgba[i]! >> 4) << 8) | ((rgba[i + 1]! >> 4) << 4) | (rgba[i + 2]! >> 4);
      const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
      bin.n++;
      bin.r += rgba[i]!;
      bin.g += rgba[i + 1]!;
      bin.b += rgba[i + 2]!;
      bins.set(key, bin);
      const rgb = (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
      let l = lightnessOf.get(rgb);
      if (l === undefined) {
        l = rgb8ToLab(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!).l;
        lightnessOf.set(rgb, l);
      }
      lightness += l;
    }
  }
  const ink = [...bins.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, 4)
    .map((b) => ({ hex: rgbToHex({ r: b.r / b.n, g: b.g / b.n, b: b.b / b.n }), share: Math.round((b.n / Math.max(1, inkCount)) * 1000) / 1000 }));
  return {
    aspect: cw / ch,
    ink,
    inkLightness: inkCount > 0 ? lightness / inkCount : 0,
    background: background ? rgbToHex({ r: background[0], g: background[1], b: background[2] }) : null,
    signature: Array.from(grid, (v, k) => (cells[k]! > 0 ? Math.round((v / cells[k]!) * 100) / 100 : 0)),
  };
}

/** The part of pdf.js's canvas graphics the filter uses: paint operators draw only while `contentVisible`. */
interface Graphics {
  contentVisible: boolean;
  isContentVisible(): boolean;
}

/**
 * An `operationsFilter` that draws only the candidate. Every operator still runs, so the graphics
 * state stays exactly as the page builds it (skipping a stroke leaves pdf.js's state half-made
 * and later fills vanish); the other paint operators run hidden, as optional content does.
 */
function onlyCandidate(candidate: LogoCandidate, ops: OpsTable, graphics: () => Graphics | undefined) {
  const wanted = new Set(candidate.ops);
  const { paint, constructPath, pathPaint } = paintingOps(ops);
  return (i: number, list: { fnArray: number[]; argsArray: unknown[] }): boolean => {
    const fn = list.fnArray[i]!;
    const paints = fn === constructPath ? pathPaint.has((list.argsArray[i] as [number] | null)?.[0] ?? -1) : paint.has(fn);
    const gfx = graphics();
    if (!gfx) return !paints || wanted.has(i);
    // Group and mask operators check visibility too: they must see the page's own, or their begin and end would not pair.
    gfx.contentVisible = gfx.isContentVisible() && (!paints || wanted.has(i));
    return true;
  };
}

type Page = PdfJsModule.PDFPageProxy;
type OperatorList = { fnArray: number[]; argsArray: unknown[] };

/** The page's operator list exactly as rendering sees it: a render that draws nothing and keeps the list. */
async function renderList(page: Page, factory: CanvasFactory): Promise<OperatorList> {
  let list: OperatorList = { fnArray: [], argsArray: [] };
  const target = factory.create(1, 1);
  try {
    await page.render({
      canvasContext: target.context as never,
      canvas: null,
      viewport: page.getViewport({ scale: 1 }),
      operationsFilter: (_i: number, l: OperatorList) => {
        list = l;
        return false;
      },
    } as never).promise;
  } finally {
    factory.destroy(target);
  }
  return list;
}

/** Render one candidate; null when it draws nothing visible. */
async function renderOne(page: Page, factory: CanvasFactory, candidate: LogoCandidate, ops: OpsTable, budget: RenderBudget): Promise<RenderedCandidate | null> {
  const base = page.getViewport({ scale: 1 });
  const { box } = candidate;
  const scale = Math.min(8, budget.maxSide / Math.max(box.w * base.width, box.h * base.height));
  // A margin of a few pixels so anti-aliased edges are not cut; the crop is trimmed afterwards.
  const pad = 4;
  const left = Math.floor(box.x * base.width * scale) - pad;
  const top = Math.floor(box.y * base.height * scale) - pad;
  const w = Math.ceil(box.w * base.width * scale) + 2 * pad;
  const h = Math.ceil(box.h * base.height * scale) + 2 * pad;
  const viewport = page.getViewport({ scale, offsetX: -left, offsetY: -top });
  const target = factory.create(w, h);
  try {
    const task = page.render({
      canvasContext: target.context as never,
      // Without a canvas pdf.js draws on the given context as it is; with one it takes an opaque context.
      canvas: null,
      viewport,
      background: 'rgba(0,0,0,0)',
      operationsFilter: onlyCandidate(candidate, ops, () => (task as unknown as { _internalRenderTask?: { gfx?: Graphics } })._internalRenderTask?.gfx),
    } as never);
    await task.promise;
    const crop = cropToInk(target.context.getImageData(0, 0, w, h).data, w, h);
    if (!crop) return null;
    const { r } = crop;
    const refined: NormalizedBox = {
      x: (left + r.x0) / (base.width * scale),
      y: (top + r.y0) / (base.height * scale),
      w: crop.width / (base.width * scale),
      h: crop.height / (base.height * scale),
    };
    return { ...candidate, box: refined, rgba: crop.rgba, width: crop.width, height: crop.height, features: crop.features };
  } finally {
    factory.destroy(target);
  }
}

/**
 * The drawn part of rendered RGBA pixels as a PNG: trimmed to the ink (what is not transparent,
 * or not the crop's own uniform background), with a little of that background kept around it.
 */
function cropToInk(rgba: Uint8ClampedArray, w: number, h: number): { rgba: Uint8Array; width: number; height: number; r: { x0: number; y0: number; x1: number; y1: number }; features: CandidateFeatures } | null {
  const opaque = uniformBorder(rgba, w, h);
  const bounds = inkBounds(rgba, w, h, opaque);
  if (!bounds) return null;
  const margin = opaque ? Math.round(0.04 * Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0)) : 0;
  const r = { x0: Math.max(0, bounds.x0 - margin), y0: Math.max(0, bounds.y0 - margin), x1: Math.min(w - 1, bounds.x1 + margin), y1: Math.min(h - 1, bounds.y1 + margin) };
  const width = r.x1 - r.x0 + 1;
  const height = r.y1 - r.y0 + 1;
  if (width < 8 || height < 4) return null;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(rgba.subarray(((r.y0 + y) * w + r.x0) * 4, ((r.y0 + y) * w + r.x1 + 1) * 4), y * width * 4);
  return { rgba: out, width, height, r, features: describe(rgba, w, h, r, opaque) };
}

/** A crop as a PNG file. */
export async function cropPng(crop: { rgba: Uint8Array; width: number; height: number }): Promise<Uint8Array> {
  return new Uint8Array(await sharp(crop.rgba, { raw: { width: crop.width, height: crop.height, channels: 4 } }).png().toBuffer());
}

/**
 * A logo supplied as a PDF (a designer's export): its first page drawn on a transparent canvas
 * (at most `maxSide` pixels), trimmed to what it shows. Null when the page is blank.
 */
export async function renderPdfLogo(doc: PdfJsModule.PDFDocumentProxy, maxSide = 1024): Promise<{ png: Uint8Array; width: number; height: number } | null> {
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const page = await doc.getPage(1);
  try {
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(8, maxSide / Math.max(base.width, base.height)) });
    const w = Math.ceil(viewport.width);
    const h = Math.ceil(viewport.height);
    const target = factory.create(w, h);
    try {
      await page.render({ canvasContext: target.context as never, canvas: null, viewport, background: 'rgba(0,0,0,0)' } as never).promise;
      const crop = cropToInk(target.context.getImageData(0, 0, w, h).data, w, h);
      return crop && { png: await cropPng(crop), width: crop.width, height: crop.height };
    } finally {
      factory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}

/** A page to search, and why. */
export interface SearchedPage {
  evidence: PageEvidence;
  role: LogoPageRole;
}

/** Candidates per page that are rendered at most. */
const PER_PAGE = 10;
const ROLE_ORDER: Record<LogoPageRole, number> = { logo: 0, cover: 1, continuation: 2 };

/** Order of rendering within a page: likely logos first. */
function priority(c: LogoCandidate): number {
  const area = c.box.w * c.box.h;
  return (c.order === 0 ? 0.5 : 0) + (area >= 0.002 && area <= 0.15 ? 0.5 : 0) - c.textCover;
}

/**
 * Find and render the candidates of the searched pages (pages about the logo first, then the
 * cover, then continuations) until the budget is used; a drawing pdf.js cannot render is skipped.
 */
export async function renderLogoCandidates(doc: PdfJsModule.PDFDocumentProxy, pages: readonly SearchedPage[], ops: OpsTable, budget: RenderBudget = DEFAULT_RENDER_BUDGET): Promise<RenderedCandidate[]> {
  const started = Date.now();
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const out: RenderedCandidate[] = [];
  let rendered = 0;
  for (const { evidence, role } of [...pages].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.evidence.page - b.evidence.page)) {
    if (rendered >= budget.maxCandidates || Date.now() - started > budget.timeBudgetMs) break;
    const page = await doc.getPage(evidence.page);
    try {
      const list = await renderList(page, factory);
      const viewport = page.getViewport({ scale: 1 });
      const { marks } = walkOperators(list.fnArray, list.argsArray, ops as unknown as OpCodes, {
        width: viewport.width,
        height: viewport.height,
        viewport: viewport.transform as [number, number, number, number, number, number],
        maxOps: 200_000,
        pattern: (id) => lookup(page.objs, id) as PatternIR | null,
        marks: true,
      });
      const candidates = logoCandidatesOnPage(evidence, marks, role).sort((a, b) => priority(b) - priority(a)).slice(0, PER_PAGE);
      for (const candidate of candidates) {
        if (rendered >= budget.maxCandidates || Date.now() - started > budget.timeBudgetMs) break;
        rendered += 1;
        try {
          const one = await renderOne(page, factory, candidate, ops, budget);
          if (one) out.push(one);
        } catch {
          // A drawing pdf.js cannot render is not a logo we can use; the others still are.
        }
      }
    } finally {
      page.cleanup();
    }
  }
  return out;
}
