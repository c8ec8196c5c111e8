import type { Color, ColorUsage, Provenance } from '../../../shared/schema';
import { ROLE_STRENGTH, type NameSource, type RoleSource } from './color-labels';
import { describeColors } from './color-names';
import type { DocumentEvidence } from './evidence-types';
import { isAchromatic } from './roles';

// The palette: one entry per colour, merged from every page it appears on, then turned into the
// brand's colours (generated names, inferred roles, confidence, provenance and usage weights).

/** One colour's palette entry, merged from every page it appears on. */
export interface Entry {
  hex: string;
  name: string | null;
  nameSource: NameSource;
  nameProvenance: Provenance | null;
  role: ColorUsage | null;
  roleSource: RoleSource;
  context: string[];
  provenance: Provenance[];
  cmyk?: [number, number, number, number];
  pantone?: string;
  inMisuseOnly: boolean;
  order: number;
  painted: boolean;
}

const NAME_RANK: Record<NameSource, number> = { label: 3, nearby: 2, generated: 0 };

/** One palette item as read on one page: what it adds to the entry of its colour. */
export interface Sighting extends Omit<Entry, 'inMisuseOnly' | 'order'> {
  /** Shown in a "don't" / misuse example. */
  misuse: boolean;
}

/** Painted area per colour over the whole document (page backgrounds excepted). */
export function paintedAreas(doc: DocumentEvidence): Map<string, number> {
  const paintedArea = new Map<string, number>();
  for (const page of doc.pages) {
    for (const f of page.fills) {
      if (f.area > 0.85) continue; // page backgrounds
      paintedArea.set(f.hex, (paintedArea.get(f.hex) ?? 0) + f.area);
    }
  }
  return paintedArea;
}

/** Merge one sighting into the palette: the stronger stated role and the better-sourced name win. */
export function addToPalette(entries: Map<string, Entry>, s: Sighting): void {
  const existing = entries.get(s.hex);
  if (existing) {
    existing.provenance.push(...s.provenance);
    existing.inMisuseOnly &&= s.misuse;
    existing.painted ||= s.painted;
    if (!s.misuse && s.role && ROLE_STRENGTH[s.roleSource] > ROLE_STRENGTH[existing.roleSource]) {
      existing.role = s.role;
      existing.roleSource = s.roleSource;
    }
    if (s.name && NAME_RANK[s.nameSource] > NAME_RANK[existing.nameSource]) {
      existing.name = s.name;
      existing.nameSource = s.nameSource;
      existing.nameProvenance = s.nameProvenance;
    }
    existing.context.push(...s.context);
    existing.cmyk ??= s.cmyk;
    existing.pantone ??= s.pantone;
    return;
  }
  entries.set(s.hex, {
    hex: s.hex,
    name: s.name,
    nameSource: s.name ? s.nameSource : 'generated',
    nameProvenance: s.nameProvenance,
    role: s.role,
    roleSource: s.role ? s.roleSource : 'inferred',
    context: s.context,
    provenance: s.provenance,
    cmyk: s.cmyk,
    pantone: s.pantone,
    inMisuseOnly: s.misuse,
    // Entries are only ever added, so the count so far is the order of first appearance.
    order: entries.size,
    painted: s.painted,
  });
}

/** The palette as brand colours, and what a person should review about them. */
export function paletteColors(entries: Map<string, Entry>, paintedArea: Map<string, number>): { colors: Color[]; review: string[] } {
  const review: string[] = [];
  const kept = [...entries.values()].filter((e) => {
    if (e.inMisuseOnly) {
      review.push(`${e.hex} appears only in a "don't" / misuse example (page ${e.provenance[0]?.page}); left out of the palette.`);
      return false;
    }
    return true;
  });
  const unnamed = kept.filter((e) => !e.name);
  const generated = describeColors(
    unnamed.map((e) => e.hex),
    new Set(kept.filter((e) => e.name).map((e) => e.name!.toLowerCase())),
  );
  unnamed.forEach((e, i) => {
    e.name = generated[i]!;
    e.nameSource = 'generated';
  });
  // Visual clue when nothing is stated: the first chromatic colour listed is the identity colour.
  const firstChromatic = kept.find((e) => !e.role && !isAchromatic(e.hex));
  const colors: Color[] = kept.map((e) => {
    let usage: ColorUsage;
    let confidence: number;
    if (e.role) {
      usage = e.role;
      confidence = ROLE_STRENGTH[e.roleSource];
    } else if (isAchromatic(e.hex)) {
      usage = 'neutral';
      confidence = 0.45;
    } else if (e === firstChromatic) {
      usage = 'primary';
      confidence = 0.45;
    } else {
      usage = 'secondary';
      confidence = 0.35;
    }
    if (e.provenance.every((p) => p.source === 'vector')) confidence = Math.min(confidence, 0.5);
    const provenance = [...e.provenance.slice(0, 6)];
    if (e.nameSource === 'generated') provenance.push({ page: e.provenance[0]?.page ?? 1, source: 'generated', field: 'name' });
    else if (e.nameProvenance) provenance.push(e.nameProvenance);
    if (e.role) provenance.push({ page: e.provenance[0]?.page ?? 1, source: 'text', field: 'usage' });
    return {
      name: e.name!,
      hex: e.hex,
      usage,
      usage_weight: 0,
      context: [...new Set(e.context)].join(' ').slice(0, 240) || null,
      confidence,
      provenance,
      verified: true,
      ...(e.pantone ? { pantone: e.pantone } : {}),
      ...(e.cmyk ? { cmyk: e.cmyk } : {}),
    };
  });
  assignWeights(colors, paintedArea);
  for (const c of colors) {
    const e = entries.get(c.hex)!;
    if (e.nameSource === 'generated') review.push(`Colour ${c.hex}: the PDF gives no name, so it was named "${c.name}" from its colour — rename it if the brand has a name for it.`);
    if (!e.role) review.push(`Colour ${c.hex} (${c.name}): role "${c.usage}" was inferred, not stated — please confirm.`);
  }
  return { colors, review };
}

/** Usage weight: painted area plus a floor for every listed colour, normalised to sum to 1. */
function assignWeights(colors: Color[], paintedArea: Map<string, number>): void {
  if (colors.length === 0) return;
  const raw = colors.map((c, i) => (paintedArea.get(c.hex) ?? 0) + 0.02 + (c.usage === 'primary' ? 0.02 : 0) + 0.005 / (i + 1));
  const total = raw.reduce((a, b) => a + b, 0);
  colors.forEach((c, i) => {
    c.usage_weight = Math.round((raw[i]! / total) * 1000) / 1000;
  });
}
