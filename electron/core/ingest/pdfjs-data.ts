import { createRequire } from 'node:module';
import path from 'node:path';
import { unpackedPath } from '../runtime/asar';

// Not named `require`: electron-vite injects a `require` shim into ESM chunks that use one.
const resolveFromHere = createRequire(import.meta.url);

export interface PdfJsDataOptions {
  /** Predefined CMaps (CJK text in PDFs that do not embed their encoding). */
  cMapUrl: string;
  cMapPacked: true;
  /** Glyph data for the standard 14 fonts when a PDF does not embed them. */
  standardFontDataUrl: string;
  /** OpenJPEG (JPX images) and JBIG2 decoders. */
  wasmUrl: string;
  /** The CMYK ICC profile (used where pdf.js can load its colour-management wasm). */
  iccUrl: string;
}

let cached: PdfJsDataOptions | undefined;

/**
 * pdf.js's data folders from the installed pdfjs-dist, in the form its Node
 * loader reads them (file-system paths with a trailing "/"; pdf.js checks for
 * exactly that character). In the packaged app they come from app.asar.unpacked.
 */
export function pdfjsDataOptions(): PdfJsDataOptions {
  if (!cached) {
    const root = unpackedPath(path.dirname(resolveFromHere.resolve('pdfjs-dist/package.json')));
    const dir = (name: string) => `${path.join(root, name).split(path.sep).join('/')}/`;
    cached = { cMapUrl: dir('cmaps'), cMapPacked: true, standardFontDataUrl: dir('standard_fonts'), wasmUrl: dir('wasm'), iccUrl: dir('iccs') };
  }
  return cached;
}
