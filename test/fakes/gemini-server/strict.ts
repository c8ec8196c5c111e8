// What the real generateContent refuses, with the bodies it refuses it with
// (../shared/reference/gemini-api-notes.md): image types it does not read,
// bytes that are not the image they claim to be, requests over the inline
// size cap, structured-output schemas outside the documented keyword subset
// or over a complexity budget, and malformed generation configs. Written from
// the API notes; only the documented keyword list is shared with the client,
// the budget and every other check are the fake's own, so a test that passes
// here is not just the client agreeing with itself.
import { MODEL_SCHEMA_KEYWORDS } from '../../../shared/schema/json-schema';
import { errorBody } from './protocol';
import type { WireRequest } from './protocol';

export interface StrictReply {
  status: number;
  body: unknown;
}

/** Image types Gemini reads; GIF, TIFF, BMP, AVIF and SVG are refused. */
export const GEMINI_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'] as const;
/** Document types this fake accepts inline. */
const DOCUMENT_TYPES = new Set(['application/pdf', 'text/plain']);
/** The real cap on a request body with inline data (decimal 100 MB, the smaller reading). */
export const DEFAULT_REQUEST_LIMIT_BYTES = 100_000_000;

/** The documented `responseJsonSchema` keywords (one list, from the API notes: shared/schema/json-schema.ts). */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set(MODEL_SCHEMA_KEYWORDS);

/**
 * The fake's stand-in for "too many states": Google does not publish the
 * service's limit, so these are set where the extraction schema Mobius sent
 * before issue 12 (74 properties, 61 bounds) is refused and a schema a model
 * can reasonably fill is not.
 */
export const SCHEMA_BUDGET = { properties: 60, bounds: 20, depth: 8, bytes: 16_000 } as const;

const INVALID_ARGUMENT = () => ({ status: 400, body: errorBody('INVALID_ARGUMENT', 'Request contains an invalid argument.') });

export function payloadTooLarge(limit: number): StrictReply {
  return { status: 400, body: errorBody('INVALID_ARGUMENT', `Request payload size exceeds the limit: ${limit} bytes.`) };
}

/** The type the bytes really are, from their signature. */
export function sniffMime(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = bytes.subarray(8, 12).toString('latin1');
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    return 'image/heif';
  }
  if (bytes.subarray(0, 6).toString('latin1').startsWith('GIF8')) return 'image/gif';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || bytes.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))) return 'image/tiff';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Inline parts: a type Gemini reads, and bytes that are that type. */
export function checkInlineParts(request: WireRequest): StrictReply | null {
  const contents = [...(request.contents ?? []), ...(request.systemInstruction ? [request.systemInstruction] : [])];
  for (const content of contents) {
    for (const part of content.parts ?? []) {
      const inline = part.inlineData;
      if (!inline) continue;
      const mime = (inline.mimeType ?? '').toLowerCase();
      const isImage = (GEMINI_IMAGE_TYPES as readonly string[]).includes(mime);
      if (!isImage && !DOCUMENT_TYPES.has(mime)) {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', `Unsupported MIME type: ${inline.mimeType ?? ''}`) };
      }
      if (!isImage || mime === 'image/heic' || mime === 'image/heif') continue;
      const actual = sniffMime(Buffer.from(inline.data ?? '', 'base64').subarray(0, 16));
      if (actual !== mime) {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', 'Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting') };
      }
    }
  }
  return null;
}

export interface SchemaStats {
  bytes: number;
  properties: number;
  /** minimum, maximum, minItems and maxItems keywords. */
  bounds: number;
  depth: number;
  /** Keywords outside the documented subset, with counts. */
  outside: Record<string, number>;
}

/** Size and shape of a response schema, as the budget counts them. */
export function schemaStats(schema: unknown): SchemaStats {
  const stats: SchemaStats = { bytes: JSON.stringify(schema ?? null).length, properties: 0, bounds: 0, depth: 0, outside: {} };
  const walk = (node: unknown, depth: number) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth));
    if (!node || typeof node !== 'object') return;
    stats.depth = Math.max(stats.depth, depth);
    for (const [key, value] of Object.entries(node)) {
      if (!SCHEMA_KEYWORDS.has(key)) stats.outside[key] = (stats.outside[key] ?? 0) + 1;
      if (key === 'minimum' || key === 'maximum' || key === 'minItems' || key === 'maxItems') stats.bounds++;
      if ((key === 'properties' || key === '$defs') && value && typeof value === 'object') {
        stats.properties += Object.keys(value).length;
        for (const inner of Object.values(value)) walk(inner, depth + 1);
      } else if (key === 'items' && typeof value === 'boolean') {
        stats.outside['items:boolean'] = (stats.outside['items:boolean'] ?? 0) + 1;
      } else if (key !== 'enum' && key !== 'required' && key !== 'propertyOrdering' && value && typeof value === 'object') {
        walk(value, key === 'items' || key === 'prefixItems' ? depth + 1 : depth);
      }
    }
  };
  walk(schema, 0);
  return stats;
}

/** The bare 400 the live API gives for a schema outside the subset or over its budget. */
export function checkResponseSchema(request: WireRequest): StrictReply | null {
  const config = request.generationConfig;
  const schema = config?.responseJsonSchema ?? config?.responseSchema;
  if (schema === undefined) return null;
  const stats = schemaStats(schema);
  const over = stats.properties > SCHEMA_BUDGET.properties || stats.bounds > SCHEMA_BUDGET.bounds || stats.depth > SCHEMA_BUDGET.depth || stats.bytes > SCHEMA_BUDGET.bytes;
  return Object.keys(stats.outside).length > 0 || over ? INVALID_ARGUMENT() : null;
}

const IMAGE_SIZES = new Set(['1K', '2K', '4K']);
const ASPECT_RATIOS = new Set(['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9']);

/** Generation config the API refuses: thinking level and budget together, an image size or aspect ratio it does not know. */
export function checkGenerationConfig(request: WireRequest): StrictReply | null {
  const config = request.generationConfig;
  const thinking = config?.thinkingConfig;
  if (thinking?.thinkingLevel !== undefined && thinking.thinkingBudget !== undefined) return INVALID_ARGUMENT();
  const image = config?.imageConfig;
  if (image?.imageSize !== undefined && !IMAGE_SIZES.has(image.imageSize)) return INVALID_ARGUMENT();
  if (image?.aspectRatio !== undefined && !ASPECT_RATIOS.has(image.aspectRatio)) return INVALID_ARGUMENT();
  return null;
}
