// Every image Mobius sends to Gemini goes through here first. Gemini reads
// PNG, JPEG, WebP, HEIC and HEIF only (a GIF, TIFF, AVIF or SVG is a 400),
// and a 40-megapixel photo only costs upload bytes: the model sees a
// downscaled copy anyway. sharp does the work on libuv's thread pool, so
// the calling thread never decodes or encodes pixels itself.
import type { Part } from '@google/genai';
import sharp, { type Metadata } from 'sharp';
import { MobiusError } from '../../../shared/errors';
import type { ModelImageInput } from '../../../shared/schema/compliance';
import { MAX_INPUT_PIXELS, SVG_DENSITY } from '../audit/limits';
import type { ReferenceImage } from './types';

/**
 * Long side of what Gemini receives. The Gemini API scales larger images
 * down to fit 3072 × 3072 before the model sees them (image understanding
 * docs), so sending more pixels adds upload time and nothing else.
 */
export const MODEL_IMAGE_MAX_SIDE = 3072;
/** Transparent pixels are flattened onto white, the page colour designers assume (as the pixel audit does). */
export const MODEL_IMAGE_BACKGROUND = '#FFFFFF';
/** A lossless copy larger than this is sent as a high-quality JPEG instead (keeps the request small). */
export const MODEL_IMAGE_MAX_PNG_BYTES = 8 * 1024 * 1024;
/** JPEG quality for converted images; 4:4:4 chroma so thin brand-coloured edges keep their colour. */
export const MODEL_IMAGE_JPEG_QUALITY = 90;

/** Formats whose pixels are already lossy: a converted copy of these goes out as JPEG, everything else as PNG. */
const PHOTOGRAPHIC = new Set(['jpeg', 'heif', 'avif']);

export interface PreparedImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  /** What was sent and what was changed to send it (recorded with the audit). */
  input: ModelImageInput;
}

function unreadable(cause: unknown): MobiusError {
  return new MobiusError('UNSUPPORTED_IMAGE', 'This image cannot be read, so it cannot be sent to Gemini. Export it again as PNG or JPEG.', { reason: 'undecodable' }, { cause });
}

function sourceFormat(meta: Metadata): string {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : 'heic';
  return meta.format ?? 'unknown';
}

/** What has to change before Gemini gets this image; empty when the original bytes can go as they are. */
function changesFor(meta: Metadata, format: string): string[] {
  const changes: string[] = [];
  const longSide = Math.max(meta.width ?? 0, meta.height ?? 0);
  if (format !== 'png' && format !== 'jpeg') changes.push(`converted from ${format.toUpperCase()}`);
  if ((meta.orientation ?? 1) !== 1) changes.push('EXIF orientation applied');
  if (longSide > MODEL_IMAGE_MAX_SIDE) changes.push(`downscaled to ${MODEL_IMAGE_MAX_SIDE} px long side`);
  if (meta.hasAlpha) changes.push(`transparency flattened on ${MODEL_IMAGE_BACKGROUND}`);
  if (meta.depth && meta.depth !== 'uchar' && meta.depth !== 'char') changes.push('reduced to 8 bits per channel');
  if (meta.space && meta.space !== 'srgb' && meta.space !== 'b-w') changes.push(`colour converted from ${meta.space} to sRGB`);
  if ((meta.pages ?? 1) > 1) changes.push('first frame only');
  return changes;
}

/**
 * The image as Gemini accepts it: PNG or JPEG, EXIF orientation applied, long
 * side at most MODEL_IMAGE_MAX_SIDE, alpha flattened on white, 8-bit sRGB,
 * metadata (EXIF, GPS) stripped. A PNG or JPEG that already is all of that
 * goes byte for byte, so the model sees exactly the pixels that were measured.
 */
export async function prepareImageForModel(image: ReferenceImage): Promise<PreparedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(image.bytes, { limitInputPixels: MAX_INPUT_PIXELS, density: SVG_DENSITY }).metadata();
  } catch (cause) {
    throw unreadable(cause);
  }
  const format = sourceFormat(meta);
  const changes = changesFor(meta, format);
  const source = { source_format: format, source_width: meta.width ?? 0, source_height: meta.height ?? 0 };
  if (changes.length === 0) {
    const mime = format === 'png' ? 'image/png' : 'image/jpeg';
    return {
      bytes: image.bytes,
      mime,
      input: { mime, width: meta.width ?? 0, height: meta.height ?? 0, bytes: image.bytes.byteLength, ...source, changes: [], background: null },
    };
  }
  try {
    const pipeline = sharp(image.bytes, { limitInputPixels: MAX_INPUT_PIXELS, density: SVG_DENSITY, pages: 1, failOn: 'error' })
      .autoOrient()
      .resize({ width: MODEL_IMAGE_MAX_SIDE, height: MODEL_IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: MODEL_IMAGE_BACKGROUND })
      .toColourspace('srgb');
    let encoded = PHOTOGRAPHIC.has(format) ? null : await pipeline.clone().png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    if (encoded && encoded.data.byteLength > MODEL_IMAGE_MAX_PNG_BYTES) {
      changes.push(`sent as JPEG (a lossless copy would be ${(encoded.data.byteLength / 1048576).toFixed(1)} MiB)`);
      encoded = null;
    }
    encoded ??= await pipeline.jpeg({ quality: MODEL_IMAGE_JPEG_QUALITY, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true });
    const mime = encoded.info.format === 'png' ? 'image/png' : 'image/jpeg';
    return {
      bytes: encoded.data,
      mime,
      input: {
        mime,
        width: encoded.info.width,
        height: encoded.info.height,
        bytes: encoded.data.byteLength,
        ...source,
        changes,
        background: meta.hasAlpha ? MODEL_IMAGE_BACKGROUND : null,
      },
    };
  } catch (cause) {
    throw unreadable(cause);
  }
}

/** An image as an inline request part, prepared for Gemini first. */
export async function inlineModelImage(image: ReferenceImage): Promise<{ part: Part; input: ModelImageInput }> {
  const prepared = await prepareImageForModel(image);
  return { part: { inlineData: { mimeType: prepared.mime, data: Buffer.from(prepared.bytes).toString('base64') } }, input: prepared.input };
}
