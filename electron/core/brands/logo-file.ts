import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { MobiusError } from '../../../shared/errors';
import { renderLogoPdf } from '../ingest/collect-evidence';

/**
 * A logo file a designer adds (SVG, PNG, JPEG, WebP or PDF), turned into the PNG the library
 * keeps: what generation sends to Gemini and what the audit looks for. SVG is rasterised safely:
 * scripts, event handlers, foreign content and every reference outside the file are removed
 * before librsvg (through sharp) sees it, entity declarations are refused, and size is bounded.
 * A PDF logo is drawn in the evidence worker (its first page, trimmed).
 */

export const MAX_LOGO_BYTES = 20 * 1024 * 1024;
const MAX_SVG_CHARS = 5 * 1024 * 1024;
/** Longest side of the stored PNG; enough for a reference image and for template matching. */
export const LOGO_MAX_SIDE = 1024;
const MAX_LOGO_PIXELS = 50_000_000;

export interface LogoImage {
  png: Uint8Array;
  width: number;
  height: number;
}

const invalid = (message: string, details?: Record<string, unknown>) => new MobiusError('INVALID_FILE_TYPE', message, details);

/** References a logo may keep: within the file (#id) or an embedded raster image. */
const LOCAL_REF = /^\s*(#|data:image\/(png|jpe?g|gif|webp);base64,)/i;

/**
 * The SVG with everything that could run code or reach outside the file removed. Pure; throws
 * for what cannot be made safe (entity declarations: billion-laughs and external entities).
 */
export function sanitizeSvg(text: string): string {
  if (text.length > MAX_SVG_CHARS) throw invalid('This SVG is too large for a logo (over 5 MB of markup). Export a simpler version.');
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) throw invalid('This SVG declares XML entities, which Mobius does not open. Export it again without a DOCTYPE.');
  if (!/<svg[\s>]/i.test(text)) throw invalid('This file is not an SVG image.');
  return (
    text
      // Processing instructions other than the XML declaration (stylesheets pulled from elsewhere).
      .replace(/<\?(?!xml\s)[\s\S]*?\?>/gi, '')
      .replace(/<!DOCTYPE[^>]*>/gi, '')
      .replace(/<(script|foreignObject|iframe|object|embed|audio|video)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(script|foreignObject|iframe|object|embed|audio|video)\b[^>]*\/>/gi, '')
      // Event handlers.
      .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
      // Links to anything but a fragment of this file or an embedded image.
      .replace(/\s(xlink:href|href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi, (all, _attr: string, _quoted: string, dq?: string, sq?: string) => (LOCAL_REF.test(dq ?? sq ?? '') ? all : ''))
      // Style sheets: no imports, no url() outside the file.
      .replace(/@import[^;]*;?/gi, '')
      .replace(/url\(\s*(['"]?)(?!#)(?!data:image\/)[^)]*\)/gi, 'none')
  );
}

async function rasterise(input: Buffer, kind: string): Promise<LogoImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_LOGO_PIXELS }).metadata();
  } catch (cause) {
    throw new MobiusError('INVALID_FILE_TYPE', `This ${kind} could not be read as an image. Export the logo again as SVG, PNG or PDF.`, undefined, { cause });
  }
  const side = Math.max(meta.width ?? 0, meta.height ?? 0);
  if (side === 0) throw invalid(`This ${kind} has no pixels.`);
  // Vector input is drawn at the density that makes its long side LOGO_MAX_SIDE; rasters are only ever shrunk.
  const density = meta.format === 'svg' ? Math.min(2400, Math.max(1, (72 * LOGO_MAX_SIDE) / side)) : undefined;
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_LOGO_PIXELS, ...(density ? { density } : {}) })
      .autoOrient()
      .resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: meta.format !== 'svg' })
      .toColourspace('srgb')
      .ensureAlpha()
      .png()
      .toBuffer({ resolveWithObject: true });
    return { png: new Uint8Array(data), width: info.width, height: info.height };
  } catch (cause) {
    throw new MobiusError('INVALID_FILE_TYPE', `This ${kind} could not be drawn. Export the logo again as SVG, PNG or PDF.`, undefined, { cause });
  }
}

const sniff = (bytes: Uint8Array): 'pdf' | 'svg' | 'raster' => {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (/<svg[\s>]|<\?xml/i.test(head)) return 'svg';
  return 'raster';
};

/** Read a logo file from disk and turn it into the library's PNG. */
export async function readLogoFile(file: string): Promise<LogoImage> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new MobiusError('VALIDATION', `The file ${path.basename(file)} could not be opened.`, { path: file });
    },
  );
  if (size > MAX_LOGO_BYTES) throw new MobiusError('FILE_TOO_LARGE', `This logo file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_LOGO_BYTES / 1048576} MB.`, { size, limit: MAX_LOGO_BYTES });
  return logoImageOf(new Uint8Array(await readFile(file)));
}

/** A logo's bytes (SVG, PDF or a raster format sharp reads) as the library's PNG. */
export async function logoImageOf(bytes: Uint8Array): Promise<LogoImage> {
  const kind = sniff(bytes);
  if (kind === 'pdf') {
    const logo = await renderLogoPdf(bytes);
    if (!logo) throw invalid('The first page of this PDF is blank: export the logo on its own page.');
    return logo;
  }
  if (kind === 'svg') return rasterise(Buffer.from(sanitizeSvg(Buffer.from(bytes).toString('utf8'))), 'SVG');
  return rasterise(Buffer.from(bytes), 'image');
}
