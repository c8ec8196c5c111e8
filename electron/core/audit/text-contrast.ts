import sharp from 'sharp';
import { contrastRatio, requiredContrast, rgbToHex, type Rgb } from '../../../shared/color';
import type { NormalizedBox } from '../../../shared/schema';
import type { DecodedImage } from './decode';
import type { TextContrast } from './types';
import { englishOcrSlot } from '../runtime/tesseract';

/**
 * Text contrast: OCR (tesseract.js, English data from @tesseract.js-data/eng,
 * read from node_modules — never the network) finds text lines; each line's
 * box is split into text and background by 2-means on luminance, and the WCAG
 * ratio is taken between the most frequent colour of each part (the glyph
 * interiors and the plate behind them, not the anti-aliased edges).
 *
 * Exemptions (WCAG 1.4.3): a logotype (text matching the brand or a logo
 * variant name) and incidental text — recognised with low confidence, fewer
 * than 3 letters or digits, or smaller than 1 % of the image height.
 * "Large text" (3:1) is a line at least 24 source pixels high.
 */

const ocrSlot = englishOcrSlot();
const ocr = () => ocrSlot.get();

export async function closeOcr(): Promise<void> {
  await ocrSlot.close();
}

const MIN_CONFIDENCE = 50;
const LARGE_TEXT_SOURCE_PX = 24;

export interface OcrLine {
  text: string;
  confidence: number;
  /** Analysis-pixel box. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

async function recogniseLines(image: DecodedImage): Promise<OcrLine[]> {
  const pngBytes = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).withMetadata({ density: 300 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const worker = await ocr();
  const { data } = await worker.recognize(pngBytes, {}, { blocks: true, text: false });
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const text = line.text.trim();
        if (!text) continue;
        lines.push({ text, confidence: line.confidence, ...line.bbox });
      }
    }
  }
  return lines;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function exemption(line: Pick<OcrLine, 'text' | 'confidence' | 'y0' | 'y1'>, imageHeight: number, logotypes: readonly string[]): TextContrast['exempt'] {
  const t = normalise(line.text);
  if (t.length > 0 && logotypes.some((l) => normalise(l).length > 0 && (t === normalise(l) || t.includes(normalise(l))))) return 'logotype';
  if (line.confidence < MIN_CONFIDENCE || t.length < 3 || line.y1 - line.y0 < imageHeight * 0.01) return 'incidental';
  return null;
}

/** Text and background colours inside a box, and their WCAG ratio. */
export function boxContrast(image: Pick<DecodedImage, 'width' | 'height' | 'data'>, x0: number, y0: number, x1: number, y1: number): { fg: Rgb; bg: Rgb; ratio: number } | null {
  const { width, data } = image;
  const lum: number[] = [];
  const keys: number[] = [];
  for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const i = (y * width + x) * 3;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      keys.push((r << 16) | (g << 8) | b);
      lum.push(0.2126 * r + 0.7152 * g + 0.0722 * b);
    }
  }
  if (lum.length < 4) return null;
  let lo = Math.min(...lum);
  let hi = Math.max(...lum);
  if (hi - lo < 1e-6) return null;
  const assign = new Uint8Array(lum.length);
  for (let iter = 0; iter < 10; iter++) {
    let s0 = 0;
    let n0 = 0;
    let s1 = 0;
    let n1 = 0;
    const mid = (lo + hi) / 2;
    lum.forEach((v, k) => {
      const c = v > mid ? 1 : 0;
      assign[k] = c;
      if (c) {
        s1 += v;
        n1++;
      } else {
        s0 += v;
        n0++;
      }
    });
    if (n0 === 0 || n1 === 0) return null;
    lo = s0 / n0;
    hi = s1 / n1;
  }
  const modes = [new Map<number, number>(), new Map<number, number>()] as const;
  keys.forEach((key, k) => {
    const m = assign[k] ? modes[1] : modes[0];
    m.set(key, (m.get(key) ?? 0) + 1);
  });
  const mode = (m: Map<number, number>) => {
    let best = 0;
    let count = -1;
    let total = 0;
    for (const [key, c] of m) {
      total += c;
      if (c > count) {
        best = key;
        count = c;
      }
    }
    return { rgb: { r: (best >> 16) & 255, g: (best >> 8) & 255, b: best & 255 }, total };
  };
  const dark = mode(modes[0]);
  const light = mode(modes[1]);
  // Text covers less of its line box than the background does.
  const [fg, bg] = dark.total <= light.total ? [dark.rgb, light.rgb] : [light.rgb, dark.rgb];
  return { fg, bg, ratio: contrastRatio(fg, bg) };
}

export async function measureTextContrast(image: DecodedImage, logotypes: readonly string[]): Promise<TextContrast[]> {
  const lines = await recogniseLines(image);
  const scale = image.source.height / image.height;
  const out: TextContrast[] = [];
  for (const line of lines) {
    // A little margin so the background around the glyphs is in the box.
    const pad = Math.max(2, Math.round((line.y1 - line.y0) * 0.15));
    const c = boxContrast(image, line.x0 - pad, line.y0 - pad, line.x1 + pad, line.y1 + pad);
    if (!c) continue;
    const large = (line.y1 - line.y0) * scale >= LARGE_TEXT_SOURCE_PX;
    const box: NormalizedBox = {
      x: line.x0 / image.width,
      y: line.y0 / image.height,
      w: (line.x1 - line.x0) / image.width,
      h: (line.y1 - line.y0) / image.height,
    };
    out.push({
      text: line.text,
      box,
      ratio: Math.round(c.ratio * 100) / 100,
      required: requiredContrast(large),
      large_text: large,
      foreground: rgbToHex(c.fg),
      background: rgbToHex(c.bg),
      confidence: Math.round(line.confidence),
      exempt: exemption(line, image.height, logotypes),
    });
  }
  return out;
}
