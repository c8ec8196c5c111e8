import type { Color, Gradient, Provenance } from '../../../shared/schema';
import { dedupeGradients, gradientFrom, headingGradients, textGradients } from './color-gradients';
import { documentHexes, pageItems, type Item } from './color-items';
import { attachLabels, isMisuseRegion, itemRole, readLabels } from './color-labels';
import { addToPalette, paintedAreas, paletteColors, type Entry } from './color-palette';
import { pageValues } from './color-values';
import type { DocumentEvidence } from './evidence-types';
import { contains } from './geometry';
import type { PageText } from './page-text';
import type { TextLine } from './text-lines';
import { roleFromText } from './vocabulary';

export { pageTexts, type PageText } from './page-text';
export { labelText } from './color-values';
export type { NameSource, RoleSource } from './color-labels';

export interface ColorResult {
  colors: Color[];
  gradients: Gradient[];
  review: string[];
}

/**
 * The brand's colours and gradients, page by page: printed values and painted swatches become
 * palette items (color-items), the lines around them name them and state their roles
 * (color-labels), and the items of every page merge into one palette (color-palette).
 */
export function extractColors(doc: DocumentEvidence, pages: PageText[]): ColorResult {
  const entries = new Map<string, Entry>();
  const gradients: Gradient[] = [];
  const paintedArea = paintedAreas(doc);
  const hexes = documentHexes(pages);
  const anyPrinted = hexes.printed.size > 0;
  for (const pageText of pages) {
    const { page } = pageText;
    const values = pageValues(pageText);
    const shadingItems = (page.shadings ?? []).filter((s) => s.box.w * s.box.h >= 0.002 && s.box.w * s.box.h < 0.6);
    const valueLines = new Set(values.map((v) => v.line));
    const { items, stopsByHeading } = pageItems(pageText, values, valueLines, shadingItems, hexes);
    gradients.push(...headingGradients(stopsByHeading, shadingItems, page.page));
    const shadingAsItems: Item[] = shadingItems.map((s) => ({ hex: s.stops[0]!, page: pageText, values: [], swatch: null, box: s.box, labels: [] }));
    attachLabels(pageText, [...items, ...shadingAsItems], valueLines);

    shadingItems.forEach((s, i) => gradients.push(gradientFrom(s, shadingAsItems[i]!, values, page.page)));
    gradients.push(...textGradients(values, shadingAsItems, page.page));

    const title = pageText.headings[0];
    const section = title && roleFromText(title.text) ? title : undefined;
    const named = new Map(items.map((item) => [item, readLabels(item)]));
    // Lines that name an item or carry its values are captions; a group heading is neither.
    const captions = new Set<TextLine>([...valueLines, ...[...named.values()].flatMap((n) => (n.nameLine ? [n.nameLine] : []))]);
    for (const item of items) {
      if (item.values.length === 0 && item.swatch && shadingItems.some((s) => contains(s.box, item.swatch!.box))) continue;
      const read = named.get(item)!;
      // A painted swatch with no value printed anywhere joins the palette only when a name labels it,
      // unless the document prints no values at all (then the painted palette is all there is).
      if (item.values.length === 0 && anyPrinted && read.nameSource === 'generated') continue;
      const { role, roleSource } = itemRole(pageText, item, read, captions, section);
      const misuse = isMisuseRegion(pageText, item.box);
      const provenance: Provenance[] = [
        ...item.values.slice(0, 1).map((v): Provenance => ({ page: page.page, bbox: v.line.box, source: page.ocr ? 'raster' : 'text' })),
        ...(item.swatch ? [{ page: page.page, bbox: item.swatch.box, source: item.swatch.raster ? 'raster' : 'vector' } satisfies Provenance] : []),
      ];
      const nameProvenance: Provenance | null = read.nameLine ? { page: page.page, bbox: read.nameLine.box, source: page.ocr ? 'raster' : 'text', field: 'name' } : null;
      const cmyk = item.values.find((v) => v.cmyk)?.cmyk;
      const pantone = item.values.find((v) => v.pantone)?.pantone;
      addToPalette(entries, {
        hex: item.hex,
        name: read.name,
        nameSource: read.nameSource,
        nameProvenance,
        role,
        roleSource,
        context: read.context,
        provenance,
        cmyk,
        pantone,
        misuse,
        painted: Boolean(item.swatch),
      });
    }
  }
  const { colors, review } = paletteColors(entries, paintedArea);
  return { colors, gradients: dedupeGradients(gradients), review };
}
