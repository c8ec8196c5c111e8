import type { FillEvidence, ImageEvidence } from './evidence-types';

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
}

type Matrix = [number, number, number, number, number, number];

interface GraphicsState {
  ctm: Matrix;
  fill: string | null;
  alpha: number;
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
}

export interface WalkResult {
  fills: FillEvidence[];
  images: ImageEvidence[];
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
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: IDENTITY, fill: '#000000', alpha: 1 };
  const fills: FillEvidence[] = [];
  const images: ImageEvidence[] = [];
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
      case ops.setGState: {
        for (const entry of (args?.[0] as [string, unknown][] | undefined) ?? []) {
          if (entry[0] === 'ca' && typeof entry[1] === 'number') state = { ...state, alpha: entry[1] };
        }
        break;
      }
      case ops.constructPath: {
        const paintOp = args?.[0] as number | undefined;
        if (paintOp === undefined || !fillOps.has(paintOp)) break;
        if (!state.fill || state.alpha < 0.05 || !/^#[0-9A-F]{6}$/.test(state.fill)) break;
        const minMax = args?.[2] as ArrayLike<number> | null | undefined;
        if (!minMax || minMax.length < 4 || !Number.isFinite(minMax[0]!)) break;
        const box = toBox(state.ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!);
        const area = (box.w * box.h * width * height) / pageArea;
        if (area <= 0) break;
        const pathData = (args?.[1] as ArrayLike<unknown> | undefined)?.[0] as ArrayLike<number> | undefined;
        fills.push({ hex: state.fill, box, area, rect: isRectPath(pathData) });
        break;
      }
      case ops.paintImageXObject:
      case ops.paintInlineImageXObject:
      case ops.paintImageXObjectRepeat:
      case ops.paintImageMaskXObject: {
        // Images are painted into the unit square of the current transformation.
        const box = toBox(state.ctm, 0, 0, 1, 1);
        if (box.w > 0 && box.h > 0) images.push({ box });
        break;
      }
      default:
        break;
    }
  }
  return { fills, images, truncated: fnArray.length > options.maxOps };
}
