import sharp from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import type { Rgb } from '../../../shared/color';
import { MobiusError } from '../../../shared/errors';
import { ANALYSIS_MAX_SIDE, MAX_INPUT_BYTES, MAX_INPUT_PIXELS, SVG_DENSITY } from './limits';
import { detectCheckerboard, type CheckerboardReport } from './checkerboard';

export interface SourceInfo {
  format: string;
  mime: string;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  channels: number;
  bit_depth: 8 | 16 | 32;
  color_space: string;
  has_icc_profile: boolean;
  cmyk: boolean;
  exif_orientation: number;
  has_alpha: boolean;
  pages: number;
}

/** An sRGB, 8-bit, opaque (alpha composited on a matte, white by default), oriented, analysis-sized image. */
export interface DecodedImage {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel, row-major. */
  data: Uint8Array;
  source: SourceInfo;
  /** Share of the analysed area that was (partly) transparent before compositing on white. */
  transparent_share: number;
  checkerboard: CheckerboardReport;
}

const SUPPORTED: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  tiff: 'image/tiff',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};
const SUPPORTED_LIST = 'PNG, JPEG, WebP, AVIF, TIFF, GIF or SVG';

function unsupported(message: string, details?: Record<string, unknown>, cause?: unknown): MobiusError {
  return new MobiusError('UNSUPPORTED_IMAGE', message, details, { cause });
}

function depthBits(depth: string | undefined): 8 | 16 | 32 {
  if (depth === 'ushort' || depth === 'short') return 16;
  if (depth === 'uint' || depth === 'int' || depth === 'float' || depth === 'double') return 32;
  return 8;
}

/** The format sharp sniffed from the bytes (never the file name); AVIF is HEIF with AV1 inside. */
function formatOf(meta: Metadata): string {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : 'heic';
  return meta.format ?? 'unknown';
}

/** An empty file, or one too large to read at all. */
function refuseBySize(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw unsupported('The image file is empty (0 bytes).');
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    throw new MobiusError(
      'IMAGE_TOO_LARGE',
      `The image file is ${(bytes.byteLength / 1048576).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 1048576} MiB. Export a smaller version and try again.`,
      { bytes: bytes.byteLength, limit_bytes: MAX_INPUT_BYTES },
    );
  }
}

/** Read the header only: format, size, colour space — and refuse what we will not decode. */
export async function inspectImage(bytes: Uint8Array): Promise<SourceInfo> {
  refuseBySize(bytes);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, density: SVG_DENSITY }).metadata();
  } catch (cause) {
    throw unsupported(`This file is not an image Mobius can read. Use ${SUPPORTED_LIST}.`, undefined, cause);
  }
  const format = formatOf(meta);
  const mime = SUPPORTED[format];
  if (!mime) {
    throw unsupported(`${format.toUpperCase()} images are not supported. Use ${SUPPORTED_LIST}.`, { format });
  }
  const orientation = meta.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw unsupported('The image has no pixels (its width or height is 0).', { format });
  if (width * height > MAX_INPUT_PIXELS) {
    throw new MobiusError(
      'IMAGE_TOO_LARGE',
      `The image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels. Export it at a smaller size.`,
      { width, height, limit_pixels: MAX_INPUT_PIXELS },
    );
  }
  return {
    format,
    mime,
    width: swap ? height : width,
    height: swap ? width : height,
    channels: meta.channels ?? 3,
    bit_depth: depthBits(meta.depth),
    color_space: meta.space ?? 'srgb',
    has_icc_profile: Boolean(meta.hasProfile),
    cmyk: meta.space === 'cmyk',
    exif_orientation: orientation,
    has_alpha: Boolean(meta.hasAlpha),
    pages: meta.pages ?? 1,
  };
}

/**
 * Decode any supported image to the analysis form: first frame, EXIF-oriented,
 * converted to sRGB through its ICC profile (CMYK included), 8 bits per channel,
 * downscaled to ANALYSIS_MAX_SIDE, alpha composited on the matte — the colour the
 * artwork will be placed on (the audit passes the brand's page colour: transparency
 * is not a colour, so it must not read as an off-palette white).
 */
export async function decodeForAnalysis(bytes: Uint8Array, maxSide = ANALYSIS_MAX_SIDE, matte: Rgb = WHITE): Promise<DecodedImage> {
  // Reading the header and decoding run side by side: the decode does not depend on it (an alpha
  // channel, when there is one, comes out as a fourth channel and is composited below). A file
  // refused by its size alone is not decoded at all.
  refuseBySize(bytes);
  const decode = async () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1, density: SVG_DENSITY })
      .autoOrient()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  const [inspected, decoded] = await Promise.allSettled([inspectImage(bytes), decode()]);
  // The header's verdict on an unreadable or unsupported file is the clearer message.
  if (inspected.status === 'rejected') throw inspected.reason;
  const source = inspected.value;
  if (decoded.status === 'rejected') {
    const cause: unknown = decoded.reason;
    const text = cause instanceof Error ? cause.message : String(cause);
    const truncated = /truncat|premature|end of|unexpected end|read error|incomplete/i.test(text);
    throw unsupported(
      truncated
        ? `The ${source.format.toUpperCase()} file is truncated or damaged, so it cannot be decoded. Export it again.`
        : `The ${source.format.toUpperCase()} file is damaged or uses a feature Mobius cannot decode. Export it again as PNG or JPEG.`,
      { format: source.format },
      cause,
    );
  }
  const raw: { data: Buffer; info: OutputInfo } = decoded.value;
  const { width, height, channels } = raw.info;
  let rgb: Uint8Array;
  let transparentShare = 0;
  if (channels === 4) {
    ({ rgb, transparentShare } = compositeOnWhite(raw.data, width * height, matte));
  } else if (channels === 3) {
    rgb = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  } else {
    throw new MobiusError('INTERNAL', `Decoder returned ${channels} channels instead of 3 or 4.`);
  }
  return {
    width,
    height,
    data: rgb,
    source,
    transparent_share: transparentShare,
    checkerboard: detectCheckerboard(rgb, width, height),
  };
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/** Alpha over a matte (white unless given), and how much of the image was see-through. */
export function compositeOnWhite(rgba: Uint8Array, pixels: number, matte: Rgb = WHITE): { rgb: Uint8Array; transparentShare: number } {
  const rgb = new Uint8Array(pixels * 3);
  let transparent = 0;
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
    const a = rgba[i + 3]!;
    if (a === 255) {
      rgb[o] = rgba[i]!;
      rgb[o + 1] = rgba[i + 1]!;
      rgb[o + 2] = rgba[i + 2]!;
    } else {
      transparent++;
      const inv = 255 - a;
      rgb[o] = Math.round((rgba[i]! * a + matte.r * inv) / 255);
      rgb[o + 1] = Math.round((rgba[i + 1]! * a + matte.g * inv) / 255);
      rgb[o + 2] = Math.round((rgba[i + 2]! * a + matte.b * inv) / 255);
    }
  }
  return { rgb, transparentShare: pixels === 0 ? 0 : transparent / pixels };
}
