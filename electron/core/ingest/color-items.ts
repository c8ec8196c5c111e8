import type { NormalizedBox } from '../../../shared/schema';
import { parseColorTokens } from './color-notation';
import { alignedWith, boxOf, groupValues, ocrChecked, pageSwatches, pairSwatches } from './color-swatches';
import { labelText, wordsOfText, type Value } from './color-values';
import type { FillEvidence, ShadingEvidence } from './evidence-types';
import { attachmentGap, contains, distance, unionBox } from './geometry';
import { isProse } from './label-kind';
import type { PageText } from './page-text';
import type { TextLine } from './text-lines';
import { mentionsSection } from './vocabulary';

// The candidate palette entries of a page: printed values grouped and paired with their swatches,
// and painted swatches that line up with the palette.

/** A palette entry on one page: printed values and/or a painted swatch, with the text around it. */
export interface Item {
  hex: string;
  page: PageText;
  values: Value[];
  swatch: FillEvidence | null;
  box: NormalizedBox;
  labels: { line: TextLine; gap: number; row: boolean; column: string | null }[];
  /** A value mentioned in a sentence: no caption of its own. */
  mention?: boolean;
}

/** The colours the whole document prints: all of them, and those printed as labels (not inside a sentence). */
export interface DocumentHexes {
  printed: Set<string>;
  listed: Set<string>;
}

export function documentHexes(pages: PageText[]): DocumentHexes {
  const printed = new Set(pages.flatMap((p) => p.lines.flatMap((l) => parseColorTokens(l.text).flatMap((t) => (t.hex ? [t.hex] : [])))));
  // Values printed as labels (not inside a sentence) somewhere in the document.
  const listed = new Set(
    pages.flatMap((p) => p.lines.filter((l) => !(isProse(labelText(l.text)) && wordsOfText(l.text) >= 6)).flatMap((l) => parseColorTokens(l.text).flatMap((t) => (t.hex ? [t.hex] : [])))),
  );
  return { printed, listed };
}

/**
 * The group heading above an item: the nearest short line above it, left of its right edge,
 * that is not another item's caption. Its role (if it states one) applies to the whole group.
 */
export function headingAbove(pageText: PageText, box: NormalizedBox, captions: ReadonlySet<TextLine>): TextLine | undefined {
  return pageText.lines
    .filter((l) => !captions.has(l) && l.box.y + l.box.h <= box.y + 0.002 && l.box.x <= box.x + box.w && box.y - l.box.y < 0.5)
    .filter((l) => !isProse(l.text) && l.text.length <= 60 && parseColorTokens(l.text).length === 0)
    .sort((a, b) => b.box.y + b.box.h - (a.box.y + a.box.h))[0];
}

export interface PageItems {
  items: Item[];
  /** Stops printed one per line under a gradient (or its heading) belong to the gradient, not the palette. */
  stopsByHeading: Map<TextLine, Value[]>;
}

/** A page's palette items, from its printed values (gradient values excepted) and its painted swatches. */
export function pageItems(pageText: PageText, values: Value[], valueLines: Set<TextLine>, shadingItems: ShadingEvidence[], hexes: DocumentHexes): PageItems {
  const { page } = pageText;
  const palette = values.filter((v) => !v.gradient);
  const swatches = pageSwatches(page);
  const groups = groupValues(palette);
  const paired = pairSwatches(groups, swatches);
  const stopsByHeading = new Map<TextLine, Value[]>();
  const items: Item[] = groups.flatMap((g): Item[] => {
    const swatch = paired.get(g) ?? null;
    const box = swatch ? unionBox(boxOf(g), swatch.box) : boxOf(g);
    if (!swatch && shadingItems.some((sh) => attachmentGap(box, sh.box) <= 0.05)) return [];
    const heading = swatch ? undefined : headingAbove(pageText, box, valueLines);
    if (heading && mentionsSection(heading.text, 'gradient') && box.y - heading.box.y < 0.25) {
      stopsByHeading.set(heading, [...(stopsByHeading.get(heading) ?? []), ...g.slice(0, 1)]);
      return [];
    }
    // A value inside a sentence is a mention: a palette entry only when the document lists it nowhere else.
    const mention = !swatch && g.every((v) => isProse(labelText(v.line.text)) && wordsOfText(v.line.text) >= 6);
    if (mention && hexes.listed.has(g[0]!.hex)) return [];
    return [{ hex: ocrChecked(g[0]!.hex, swatch, Boolean(page.ocr)), page: pageText, values: g, swatch, box, labels: [], mention }];
  });
  // Painted swatches without printed values: part of the palette when they line up with it, or when
  // the page is about colour (or has no readable text at all) and they form a row or grid.
  const used = new Set(paired.values());
  const colourPage = pageText.lines.some((l) => mentionsSection(l.text, 'colors') && l.text.length < 60) || pageText.lines.length === 0 || Boolean(page.ocr);
  const unpaired = swatches.filter((s) => !used.has(s));
  for (const s of unpaired) {
    if (hexes.printed.has(s.hex) || items.some((i) => i.swatch && contains(i.swatch.box, s.box))) continue;
    // A swatch beside a printed value illustrates that value even when painted slightly off.
    if (palette.some((v) => distance(v.box, s.box) < 0.04)) continue;
    const lined = alignedWith(s, [...used]) >= 1;
    const gridded = alignedWith(s, unpaired) >= 1;
    if (!(lined || (colourPage && gridded))) continue;
    items.push({ hex: s.hex, page: pageText, values: [], swatch: s, box: s.box, labels: [] });
  }
  return { items, stopsByHeading };
}
