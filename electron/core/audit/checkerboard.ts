/**
 * Image models asked for a transparent background often paint the editor's
 * transparency checkerboard instead: two light neutral greys alternating in
 * equal square cells. Detected from runs along sampled rows and columns.
 */
export interface CheckerboardReport {
  detected: boolean;
  /** Share of the image covered by the two checkerboard greys. */
  share: number;
  /** Cell size in analysis pixels, when detected. */
  cell_px: number | null;
  colors: string[];
}

const NONE: CheckerboardReport = { detected: false, share: 0, cell_px: null, colors: [] };

function lightNeutral(data: Uint8Array, i: number): number {
  const r = data[i]!;
  const g = data[i + 1]!;
  const b = data[i + 2]!;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  return max - min <= 6 && min >= 140 ? Math.round((r + g + b) / 3) : -1;
}

export function detectCheckerboard(data: Uint8Array, width: number, height: number): CheckerboardReport {
  if (width < 16 || height < 16) return NONE;
  const step = Math.max(1, Math.floor(Math.min(width, height) / 128));
  // The two most frequent light neutral levels.
  const hist = new Uint32Array(256);
  let sampled = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      sampled++;
      const v = lightNeutral(data, (y * width + x) * 3);
      if (v >= 0) hist[v]!++;
    }
  }
  const smooth = (v: number) => (hist[v - 1] ?? 0) + hist[v]! + (hist[v + 1] ?? 0);
  let a = -1;
  for (let v = 140; v < 256; v++) if (a < 0 || smooth(v) > smooth(a)) a = v;
  let b = -1;
  for (let v = 140; v < 256; v++) {
    if (Math.abs(v - a) < 8) continue;
    if (b < 0 || smooth(v) > smooth(b)) b = v;
  }
  if (a < 0 || b < 0) return NONE;
  const shareA = smooth(a) / sampled;
  const shareB = smooth(b) / sampled;
  if (shareA < 0.05 || shareB < 0.05) return NONE;

  // Resampling spreads each grey over a few neighbouring levels.
  const tolerance = Math.max(3, Math.abs(a - b) / 4);
  const level = (i: number): number => {
    const v = lightNeutral(data, i);
    if (v < 0) return 0;
    const da = Math.abs(v - a);
    const db = Math.abs(v - b);
    if (Math.min(da, db) > tolerance) return 0;
    return da <= db ? 1 : 2;
  };
  // Runs of alternating levels along rows and columns; a checkerboard makes
  // many runs of one length that switch between the two levels.
  const runs = new Uint32Array(Math.max(width, height) + 1);
  let alternations = 0;
  // Resampling leaves a blended pixel or two between cells: short gaps of
  // neither level are bridged, long ones end the run.
  const scan = (count: number, stride: number, start: number) => {
    let prev = 0;
    let len = 0;
    let gap = 0;
    for (let k = 0; k < count; k++) {
      const cur = level(start + k * stride);
      if (cur === 0) {
        if (++gap > 2) {
          prev = 0;
          len = 0;
        }
        continue;
      }
      if (cur === prev) {
        len += 1 + gap;
      } else {
        if (prev !== 0) {
          runs[Math.min(runs.length - 1, len + Math.round(gap / 2))]!++;
          alternations++;
        }
        prev = cur;
        len = 1 + (gap - Math.round(gap / 2));
      }
      gap = 0;
    }
  };
  const lineStep = Math.max(1, Math.floor(Math.min(width, height) / 64));
  for (let y = 0; y < height; y += lineStep) scan(width, 3, y * width * 3);
  for (let x = 0; x < width; x += lineStep) scan(height, width * 3, x * 3);
  if (alternations < 20) return NONE;
  let mode = 0;
  for (let l = 2; l < runs.length; l++) if (runs[l]! > runs[mode]!) mode = l;
  if (mode < 2) return NONE;
  const nearMode = (runs[mode - 1] ?? 0) + runs[mode]! + (runs[mode + 1] ?? 0);
  if (nearMode / alternations < 0.6) return NONE;
  const hex = (v: number) => `#${v.toString(16).padStart(2, '0').repeat(3).toUpperCase()}`;
  return { detected: true, share: Math.min(1, shareA + shareB), cell_px: mode, colors: [hex(a), hex(b)] };
}
