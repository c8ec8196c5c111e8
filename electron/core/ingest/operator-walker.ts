import type { FillEvidence, ImageEvidence, PaintMark, ShadingEvidence } from './evidence-types';

/** pdf.js operator codes we interpret (values of `OPS` in pdfjs-dist). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  stroke: number;
  closeStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  setFillRGBColor: number;
  setFillTransparent: number;
  setGState: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObject: number;
  setFillColorN: number;
  shadingFill: number;
  clip: number;
  eoClip: number;
}

/** A pdf.js pattern IR: ["RadialAxial", "axial" | "radial", bbox, [[offset, "#rrggbb"], …], p0, p1, r0, r1]. */
export type PatternIR = [string, string, unknown, [number, string][], [number, number] | null, [number, number] | null, ...unknown[]];

type Matrix = [number, number, number, number, number, number];

interface GraphicsState {
  ctm: Matrix;
  /** A solid "#RRGGBB", a pattern IR (gradient fill), or null (nothing visible). */
  fill: string | PatternIR | null;
  alpha: number;
  /** Box of the current clipping path, where one was set by a rectangle-like path. */
  clip: { x: number; y: number; w: number; h: number } | null;
  /** A clipping path that is not a rectangle is in effect (a glyph or a shape cut out of a filled box). */
  clipShaped?: boolean;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // Result applies m first, then n (PDF's "cm" concatenation: new = m × current).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function transformBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
  const pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const FILL_KEYS = ['fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'] as const;

export interface WalkOptions {
  /** Page size in user space, and the viewport transform that maps user space to top-left pixels. */
  width: number;
  height: number;
  viewport: Matrix;
  /** Stop after this many operators (pathological content streams). */
  maxOps: number;
  /** Resolves a pattern id of `shadingFill`/`setFillColorN` to its IR (pdf.js keeps them in page.objs). */
  pattern?: (id: string) => PatternIR | null;
  /** Also list every painting operator with its index and box (logo candidates are drawn from these). */
  marks?: boolean;
}

export interface WalkResult {
  fills: FillEvidence[];
  images: ImageEvidence[];
  shadings: ShadingEvidence[];
  /** Every painting operator, when asked for (`marks`). */
  marks: PaintMark[];
  truncated: boolean;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A path is a rectangle when it is exactly moveTo + 3 lineTo (+ close) or one `re`. */
function isRectPath(path: ArrayLike<number> | undefined): boolean {
  if (!path) return false;
  // DrawOPS: moveTo 0 (2 args), lineTo 1 (2), curveTo 2 (6), quadraticCurveTo 3 (4), closePath 4 (0).
  let i = 0;
  let moves = 0;
  let lines = 0;
  while (i < path.length) {
    const op = path[i];
    if (op === 0) { moves += 1; i += 3; }
    else if (op === 1) { lines += 1; i += 3; }
    else if (op === 4) { i += 1; }
    else return false;
  }
  return moves === 1 && (lines === 3 || lines === 4);
}

/** A rectangle path whose sides follow the axes (a diamond is four lines too, but not a box). */
function isAxisAlignedRect(path: ArrayLike<number> | undefined): boolean {
  if (!isRectPath(path)) return false;
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (let i = 0; i < path!.length; ) {
    if (path![i] === 4) {
      i += 1;
      continue;
    }
    xs.add(Math.round(path![i + 1]! * 100));
    ys.add(Math.round(path![i + 2]! * 100));
    i += 3;
  }
  return xs.size <= 2 && ys.size <= 2;
}

/** Area covered by a path (shoelace over its points, curves by their end points) relative to its box. */
function pathCoverage(path: ArrayLike<number> | undefined, box: [number, number, number, number]): number {
  if (!path) return 0;
  const boxArea = (box[2] - box[0]) * (box[3] - box[1]);
  if (boxArea <= 0) return 0;
  let area = 0;
  let sx = 0;
  let sy = 0;
  let px = 0;
  let py = 0;
  let open = false;
  const close = () => {
    if (open) area += px * sy - sx * py;
    open = false;
  };
  let i = 0;
  while (i < path.length) {
    const op = path[i];
    if (op === 0) {
      close();
      sx = px = path[i + 1]!;
      sy = py = path[i + 2]!;
      open = true;
      i += 3;
      continue;
    }
    if (op === 4) {
      close();
      i += 1;
      continue;
    }
    // Arguments after the op: lineTo 2, curveTo 6, quadraticCurveTo 4; anything else is not a path we know.
    const n = op === 1 ? 2 : op === 2 ? 6 : op === 3 ? 4 : 0;
    if (n === 0) return 0;
    const x = path[i + n - 1]!;
    const y = path[i + n]!;
    area += px * y - x * py;
    px = x;
    py = y;
    i += n + 1;
  }
  close();
  return Math.min(1, Math.abs(area / 2) / boxArea);
}

const toHexStops = (ir: PatternIR): string[] => {
  const out: string[] = [];
  for (const [, color] of ir[3] ?? []) {
    if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) continue;
    const hex = color.toUpperCase();
    if (out.at(-1) !== hex) out.push(hex);
  }
  return out;
};

/**
 * Walk one page's operator list and collect solid vector fills and image boxes in
 * page coordinates. Tracks the current transformation matrix, fill colour and fill
 * alpha through save/restore and form XObjects; invisible paints are skipped.
 */
export function walkOperators(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpCodes,
  options: WalkOptions,
): WalkResult {
  const fillOps = new Set(FILL_KEYS.map((k) => ops[k]));
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const marks: PaintMark[] = [];
  const mark = (op: number, kind: PaintMark['kind'], box: { x: number; y: number; w: number; h: number }, hex: string | null, rect: boolean, coverage?: number) => {
    if (options.marks && box.w > 0 && box.h > 0) marks.push({ op, kind, box, hex, rect, ...(coverage !== undefined ? { coverage } : {}) });
  };
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: IDENTITY, fill: '#000000', alpha: 1, clip: null };
  const fills: FillEvidence[] = [];
  const images: ImageEvidence[] = [];
  const shadings: ShadingEvidence[] = [];
  let clipNext = false;
  const patternOf = (arg: unknown): PatternIR | null => {
    if (Array.isArray(arg) && arg[0] === 'RadialAxial') return arg as PatternIR;
    if (typeof arg === 'string') return options.pattern?.(arg) ?? null;
    return null;
  };
  const shading = (ir: PatternIR, box: { x: number; y: number; w: number; h: number }, m: Matrix) => {
    const stops = toHexStops(ir);
    if (stops.length < 2 || box.w <= 0 || box.h <= 0) return;
    let angle: number | null = null;
    const [p0, p1] = [ir[4], ir[5]];
    if (ir[1] === 'axial' && p0 && p1) {
      // Direction in page space (y up), from the shading's coordinates through the current matrix.
      const [x0, y0] = apply(m, p0[0], p0[1]);
      const [x1, y1] = apply(m, p1[0], p1[1]);
      angle = Math.round(((Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI + 360) % 360);
    }
    shadings.push({ box, stops, angle, radial: ir[1] === 'radial' });
  };
  const { width, height, viewport } = options;
  const pageArea = width * height;
  const count = Math.min(fnArray.length, options.maxOps);

  const toBox = (m: Matrix, x0: number, y0: number, x1: number, y1: number) => {
    const [a, b, c, d] = transformBox(multiply(m, viewport), x0, y0, x1, y1);
    const left = clamp01(a / width);
    const top = clamp01(b / height);
    const right = clamp01(c / width);
    const bottom = clamp01(d / height);
    return { x: left, y: top, w: right - left, h: bottom - top };
  };

  for (let i = 0; i < count; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case ops.save:
        stack.push(state);
        state = { ...state };
        break;
      case ops.restore:
        state = stack.pop() ?? state;
        break;
      case ops.transform:
        if (args && args.length >= 6) state = { ...state, ctm: multiply(args.slice(0, 6) as Matrix, state.ctm) };
        break;
      case ops.paintFormXObjectBegin: {
        stack.push(state);
        const matrix = args?.[0] as Matrix | null | undefined;
        state = { ...state, ctm: matrix && matrix.length >= 6 ? multiply([...matrix] as Matrix, state.ctm) : state.ctm };
        break;
      }
      case ops.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case ops.setFillRGBColor:
        state = { ...state, fill: typeof args?.[0] === 'string' ? (args[0] as string).toUpperCase() : null };
        break;
      case ops.setFillTransparent:
        state = { ...state, fill: null };
        break;
      case ops.setFillColorN:
        // Pattern fills: a shading pattern is a gradient; anything else (tiling) is not a solid colour.
        state = { ...state, fill: args?.[0] === 'Shading' ? patternOf(args?.[1]) : patternOf(args?.[0]) };
        break;
      case ops.clip:
      case ops.eoClip:
        clipNext = true;
        break;
      case ops.shadingFill: {
        const ir = patternOf(args?.[0]);
        if (ir) shading(ir, state.clip ?? { x: 0, y: 0, w: 1, h: 1 }, state.ctm);
        mark(i, 'shading', state.clip ?? { x: 0, y: 0, w: 1, h: 1 }, null, false);
        break;
      }
      case ops.setGState: {
        for (const entry of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (entry[0] === 'ca' && typeof entry[1] === 'number') state = { ...state, alpha: entry[1] };
        }
        break;
      }
      case ops.constructPath: {
        const paintOp = args?.[0] as number | undefined;
        const minMax = args?.[2] as ArrayLike<number> | null | undefined;
        const valid = minMax && minMax.length >= 4 && Number.isFinite(minMax[0]!);
        if (clipNext) {
          clipNext = false;
          const clipPath = (args?.[1] as ArrayLike<unknown> | undefined)?.[0] as ArrayLike<number> | undefined;
          const clipShaped = state.clipShaped || (clipPath !== undefined && !isRectPath(clipPath));
          if (valid) state = { ...state, clip: toBox(state.ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!), clipShaped };
          else state = { ...state, clipShaped };
        }
        if (paintOp !== undefined && strokeOps.has(paintOp) && !fillOps.has(paintOp) && valid) {
          mark(i, 'stroke', toBox(state.ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!), null, false);
          break;
        }
        if (paintOp === undefined || !fillOps.has(paintOp) || !valid) break;
        if (!state.fill || state.alpha < 0.05) break;
        const box = toBox(state.ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!);
        if (typeof state.fill !== 'string') {
          shading(state.fill, box, state.ctm);
          mark(i, 'shading', box, null, false);
          break;
        }
        if (!/^#[0-9A-F]{6}$/.test(state.fill)) break;
        const area = (box.w * box.h * width * height) / pageArea;
        if (area <= 0) break;
        const pathData = (args?.[1] as ArrayLike<unknown> | undefined)?.[0] as ArrayLike<number> | undefined;
        const rect = isRectPath(pathData);
        const coverage = rect ? 1 : pathCoverage(pathData, [minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!]);
        fills.push({ hex: state.fill, box, area, rect, coverage: Math.round(coverage * 100) / 100 });
        // A rectangle painted through a shaped clip shows the clip's shape (how some apps export letters).
        mark(i, 'fill', box, state.fill, rect && !state.clipShaped && isAxisAlignedRect(pathData), state.clipShaped ? undefined : Math.round(coverage * 100) / 100);
        break;
      }
      case ops.paintImageXObject:
      case ops.paintInlineImageXObject:
      case ops.paintImageXObjectRepeat:
      case ops.paintImageMaskXObject: {
        // Images are painted into the unit square of the current transformation.
        const box = toBox(state.ctm, 0, 0, 1, 1);
        if (box.w > 0 && box.h > 0) images.push({ box });
        mark(i, 'image', box, null, false);
        break;
      }
      default:
        break;
    }
  }
  return { fills, images, shadings, marks, truncated: fnArray.length > options.maxOps };
}
