import sharp from 'sharp';

/** One brand colour and the share of the canvas it should cover (shares are normalised). */
export interface ColorShare {
  hex: string;
  share: number;
}

/** A box normalised to the image (0..1), origin top-left. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CompositionSpec {
  width: number;
  height: number;
  /** Vertical bands, left to right, whose widths follow the shares exactly (to the pixel column). */
  colors: ColorShare[];
  /** An off-palette block painted over the bands, e.g. to give a pixel audit something to find. */
  offPalette?: { hex: string; box: Box } | null;
}

function rgb(hex: string): [number, number, number] {
  const clean = hex.replace(/^#/, '');
  const n = Number.parseInt(clean.length === 3 ? clean.replace(/./g, (c) => c + c) : clean, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Column ranges per colour; the last band absorbs rounding so the widths sum to `width`. */
export function bandColumns(width: number, colors: readonly ColorShare[]): Array<{ hex: string; from: number; to: number }> {
  const total = colors.reduce((sum, c) => sum + Math.max(0, c.share), 0) || 1;
  let from = 0;
  let acc = 0;
  return colors.map((c, i) => {
    acc += Math.max(0, c.share) / total;
    const to = i === colors.length - 1 ? width : Math.round(acc * width);
    const band = { hex: c.hex, from, to };
    from = to;
    return band;
  });
}

/** Pixel rectangle of a normalised box, clamped to the canvas. */
export function boxPixels(box: Box, width: number, height: number): { left: number; top: number; right: number; bottom: number } {
  const left = Math.max(0, Math.min(width, Math.round(box.x * width)));
  const top = Math.max(0, Math.min(height, Math.round(box.y * height)));
  const right = Math.max(left, Math.min(width, Math.round((box.x + box.w) * width)));
  const bottom = Math.max(top, Math.min(height, Math.round((box.y + box.h) * height)));
  return { left, top, right, bottom };
}

/** Raw RGB pixels of the composition: the truth a pixel audit can be checked against. */
export function renderRaw(spec: CompositionSpec): Buffer {
  const { width, height } = spec;
  const raw = Buffer.alloc(width * height * 3);
  const colors = spec.colors.length > 0 ? spec.colors : [{ hex: '#FFFFFF', share: 1 }];
  const row = Buffer.alloc(width * 3);
  for (const band of bandColumns(width, colors)) {
    const [r, g, b] = rgb(band.hex);
    for (let x = band.from; x < band.to; x++) {
      row[x * 3] = r;
      row[x * 3 + 1] = g;
      row[x * 3 + 2] = b;
    }
  }
  for (let y = 0; y < height; y++) row.copy(raw, y * width * 3);
  if (spec.offPalette) {
    const [r, g, b] = rgb(spec.offPalette.hex);
    const { left, top, right, bottom } = boxPixels(spec.offPalette.box, width, height);
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const i = (y * width + x) * 3;
        raw[i] = r;
        raw[i + 1] = g;
        raw[i + 2] = b;
      }
    }
  }
  return raw;
}

/** A real, lossless PNG of the composition. */
export async function renderPng(spec: CompositionSpec): Promise<Buffer> {
  return sharp(renderRaw(spec), { raw: { width: spec.width, height: spec.height, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

/** Pixel size for an aspect ratio like "16:9" and an image size like "1K" (long side), as the API returns. */
export function imageDimensions(aspectRatio = '1:1', imageSize = '1K', scale = 1): { width: number; height: number } {
  const [aw, ah] = aspectRatio.split(':').map(Number) as [number, number];
  const long = Math.max(8, Math.round((LONG_SIDE[imageSize.toUpperCase()] ?? 1024) * scale));
  const ratio = aw > 0 && ah > 0 ? aw / ah : 1;
  return ratio >= 1 ? { width: long, height: Math.max(1, Math.round(long / ratio)) } : { width: Math.max(1, Math.round(long * ratio)), height: long };
}
