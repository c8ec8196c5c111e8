import sharp from 'sharp';
import { contrastRatio, requiredContrast, rgbToHex, type Rgb } from '../../../shared/color';
import type { TextRegion } from '../../../shared/schema/audit-evidence';
import type { DecodedImage } from './decode';
import type { ColorIndex } from './color-index';
import { detectTextLines, type TextLine } from './text-regions';
import { englishOcrSlot } from '../runtime/tesseract';

/**
 * Text contrast for every text line found by structure (text-regions.ts):
 * WCAG ratio of the stroke colour against the background around it, with
 * the 3:1 minimum for large text (≥ 24 source px, or ≥ 18.66 px bold) and
 * 4.5:1 otherwise. Recognition (tesseract.js, English data from
 * @tesseract.js-data/eng read from node_modules — never the network) only
 * labels lines: each line is cut out, binarised with its own measured
 * colours (so faint text reads as well as dark text) and read as one line.
 * A recognition failure leaves a line unlabelled; its contrast stands.
 *
 * Exemption (WCAG 1.4.3): a logotype — a line that reads as the brand or a
 * logo variant name. Nothing is exempted for being hard to read.
 */

/**
 * Font size from the measured cap/ascender height. In the Debian faces of the
 * corpus the measured height is 0.65–0.84 of the font size (median 0.73); 0.80
 * puts the estimate at or under the true size for 95 % of lines, so normal text
 * is never taken for large (which would lower its minimum to 3:1).
 */
const CAP_TO_FONT = 0.8;
/** Stroke width at or above this share of the font size reads as bold (set high: a missed bold only makes the check stricter). */
const BOLD_STROKE = 0.24;
const MAX_LABELLED_LINES = 12;

export interface MeasureTextOptions {
  /** Read each line with OCR to label it (slower; the contrast check never depends on it). */
  recognise?: boolean;
  logotypes?: readonly string[];
}

export interface TextMeasurement {
  regions: TextRegion[];
  /** Why some lines have no label (recognition off or failed). */
  label_note: string | null;
}

const toRgb = (c: readonly [number, number, number]): Rgb => ({ r: Math.round(c[0]), g: Math.round(c[1]), b: Math.round(c[2]) });
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Font size and weight from a line's structure, in source pixels. */
function textSize(line: Pick<TextLine, 'cap_height' | 'stroke'>, sourceScale: number): { font_px: number; bold: boolean; large: boolean } {
  const font = line.cap_height / CAP_TO_FONT;
  const bold = line.stroke / font >= BOLD_STROKE;
  const fontPx = font * sourceScale;
  return { font_px: Math.round(fontPx * 10) / 10, bold, large: fontPx >= 24 || (bold && fontPx >= 18.66) };
}

export async function measureTextContrast(image: DecodedImage, index: ColorIndex, options: MeasureTextOptions = {}): Promise<TextMeasurement> {
  const lines = detectTextLines(image, index);
  const scale = image.source.height / image.height;
  const regions: TextRegion[] = lines.map((line) => {
    const fg = toRgb(line.fg);
    const bg = toRgb(line.bg);
    const size = textSize(line, scale);
    const ratio = contrastRatio(fg, bg);
    return {
      label: null,
      box: { x: line.x0 / image.width, y: line.y0 / image.height, w: (line.x1 - line.x0) / image.width, h: (line.y1 - line.y0) / image.height },
      ratio: round2(ratio),
      required: requiredContrast(size.large),
      large_text: size.large,
      font_px: size.font_px,
      bold: size.bold,
      foreground: rgbToHex(fg),
      background: rgbToHex(bg),
      glyphs: line.glyphs,
      background_kind: 'flat' as const,
      confidence: null,
      exempt: null,
    };
  });
  let note: string | null = options.recognise ? null : 'Text was located and measured from pixel structure; recognition was off, so lines are unlabelled.';
  if (options.recognise && regions.length > 0) {
    try {
      await labelLines(image, lines, regions);
    } catch (error) {
      note = `Text recognition failed, so lines are unlabelled (their contrast was still measured): ${error instanceof Error ? error.message : String(error)}`;
    }
    const logotypes = (options.logotypes ?? []).map(normalise).filter((l) => l.length > 0);
    for (const r of regions) if (r.label && isLogotype(r.label, logotypes)) r.exempt = 'logotype';
  }
  return { regions, label_note: note };
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function isLogotype(label: string, logotypes: readonly string[]): boolean {
  const t = normalise(label);
  return t.length > 0 && logotypes.some((l) => t === l || (t.includes(l) && t.length <= l.length + 4));
}

// Each line is read on its own, so tesseract's page segmentation is set to a single line.
const ocrSlot = englishOcrSlot(async (worker) => {
  const { PSM } = await import('tesseract.js');
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE });
});
const ocr = () => ocrSlot.get();

export async function closeOcr(): Promise<void> {
  await ocrSlot.close();
}

/**
 * Cut each line out (largest first), binarise it by its measured colours —
 * dark text on white, whatever the original contrast — enlarge small text,
 * and read it as a single line.
 */
async function labelLines(image: DecodedImage, lines: readonly TextLine[], regions: TextRegion[]): Promise<void> {
  const worker = await ocr();
  const order = lines.map((_, i) => i).sort((a, b) => (lines[b]!.x1 - lines[b]!.x0) * (lines[b]!.y1 - lines[b]!.y0) - (lines[a]!.x1 - lines[a]!.x0) * (lines[a]!.y1 - lines[a]!.y0));
  for (const i of order.slice(0, MAX_LABELLED_LINES)) {
    const line = lines[i]!;
    const crop = binarisedCrop(image, line);
    const png = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 1 } })
      .resize({ height: Math.max(crop.height, Math.min(crop.height * 3, 96)), kernel: 'cubic' })
      // Tesseract reads the resolution from the file; without one it warns and guesses.
      .withMetadata({ density: 300 })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const { data } = await worker.recognize(png);
    const text = data.text.replace(/\s+/g, ' ').trim();
    regions[i]!.label = text.length > 0 ? text : null;
    regions[i]!.confidence = text.length > 0 ? Math.round(data.confidence) : null;
  }
}

/** Grey crop: each pixel placed between the line's text (black) and background (white) colours. */
function binarisedCrop(image: DecodedImage, line: TextLine): { data: Uint8Array; width: number; height: number } {
  const pad = Math.max(4, Math.round((line.y1 - line.y0) * 0.3));
  const x0 = Math.max(0, line.x0 - pad);
  const y0 = Math.max(0, line.y0 - pad);
  const x1 = Math.min(image.width, line.x1 + pad);
  const y1 = Math.min(image.height, line.y1 + pad);
  const width = x1 - x0;
  const height = y1 - y0;
  const out = new Uint8Array(width * height);
  const [fr, fg, fb] = line.fg;
  const [br, bgG, bb] = line.bg;
  const dr = br - fr;
  const dg = bgG - fg;
  const db = bb - fb;
  const len2 = dr * dr + dg * dg + db * db || 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = ((y0 + y) * image.width + x0 + x) * 3;
      const t = ((image.data[i]! - fr) * dr + (image.data[i + 1]! - fg) * dg + (image.data[i + 2]! - fb) * db) / len2;
      out[y * width + x] = t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
    }
  }
  return { data: out, width, height };
}
