import type { ColorIndex, RgbImage } from './color-index';
import { colourModes, pixelModes } from './text-colour-modes';
import { componentEdges, labelComponents } from './text-components';
import { findGlyphs } from './text-glyphs';
import { groupLines } from './text-line-grouping';
import { describeLine, type TextLine } from './text-line-measure';

export type { TextLine };

/**
 * Text found by its structure, never by reading it.
 *
 * 1. Colour modes: the image's colour bins are grouped into modes (ΔE76 ≤ 6),
 *    and every pixel gets its mode.
 * 2. Connected components of equal mode (4-connectivity, labelled by runs).
 *    Large components are surfaces (page, panels, bars, bands); the small
 *    ones that touch are joined into blobs, so a glyph is one blob with its
 *    anti-aliased rim and counters, however faint or thin it is.
 * 3. Glyphs: blobs between 6 px and a quarter of the image high with thin
 *    strokes for their height, not filling their box, sitting on one larger
 *    surface of another colour, whose blend with it is a thin rim (drawn, not
 *    photographic shading). Big display letters are single large components
 *    of the same shape that hold no text themselves.
 * 4. Lines: glyphs of similar colour on the same surface colour, aligned and
 *    close together — at least three, or one long word-shaped blob — with
 *    nothing but background and glyphs around them (texture is never text).
 *
 * A line's text colour is taken from its most contrasting stroke pixels and
 * its background from the surface pixels around it.
 *
 * Each step has a module of its own: text-colour-modes.ts (1),
 * text-components.ts and text-blobs.ts (2), text-glyphs.ts (3),
 * text-line-grouping.ts and text-line-measure.ts (4 and the colours).
 */
export function detectTextLines(image: RgbImage, index: ColorIndex): TextLine[] {
  const { width, height } = image;
  const n = width * height;
  if (n === 0 || index.count.length === 0) return [];
  const modes = colourModes(index);
  const comp = labelComponents(pixelModes(image, index, modes), width, height);
  componentEdges(image, comp);
  const { glyphs, member } = findGlyphs(image, comp, modes);
  const lines = groupLines(glyphs, comp);
  return lines.flatMap((members) => describeLine(image, comp, member, members) ?? []);
}
