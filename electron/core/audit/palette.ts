import { hexToLab, type Lab } from '../../../shared/color';
import type { BrandGuidelines, ColorUsage } from '../../../shared/schema';
import { ROLE_GROUPS, roleGroupOf, type RoleGroup, type RoleShares } from '../../../shared/vocab/colors';

// The role groups are shared vocabulary (the app shows measured shares per group).
export { ROLE_GROUPS, roleGroupOf, type RoleGroup, type RoleShares };

export interface PaletteEntry {
  name: string;
  hex: string;
  usage: ColorUsage;
  group: RoleGroup;
  usage_weight: number;
  lab: Lab;
  page: number | null;
}

export function paletteOf(guidelines: Pick<BrandGuidelines, 'colors'>): PaletteEntry[] {
  const seen = new Set<string>();
  const out: PaletteEntry[] = [];
  for (const c of guidelines.colors) {
    if (seen.has(c.hex)) continue;
    seen.add(c.hex);
    out.push({
      name: c.name,
      hex: c.hex,
      usage: c.usage,
      group: roleGroupOf(c.usage),
      usage_weight: c.usage_weight,
      lab: hexToLab(c.hex),
      page: c.provenance[0]?.page ?? null,
    });
  }
  return out;
}

/**
 * Target area share per role group: the brand's usage weights when it has any,
 * otherwise the 60-30-10 rule (neutral 60, brand 30, accent 10). Groups the
 * palette has no colour for get 0 and the rest are renormalised.
 */
export function targetShares(palette: readonly PaletteEntry[]): { shares: RoleShares; source: 'usage_weights' | '60-30-10' } {
  const present = new Set(palette.map((p) => p.group));
  const weighted: RoleShares = { neutral: 0, brand: 0, accent: 0, semantic: 0 };
  for (const p of palette) weighted[p.group] += p.usage_weight;
  const totalWeight = ROLE_GROUPS.reduce((s, g) => s + weighted[g], 0);
  const source = totalWeight > 0 ? 'usage_weights' : '60-30-10';
  const raw: RoleShares =
    totalWeight > 0 ? weighted : { neutral: present.has('neutral') ? 0.6 : 0, brand: present.has('brand') ? 0.3 : 0, accent: present.has('accent') ? 0.1 : 0, semantic: 0 };
  let total = ROLE_GROUPS.reduce((s, g) => s + raw[g], 0);
  // A palette of semantic colours only: spread evenly rather than divide by zero.
  if (total === 0) {
    for (const g of ROLE_GROUPS) raw[g] = present.has(g) ? 1 : 0;
    total = present.size || 1;
  }
  const shares = { ...raw };
  for (const g of ROLE_GROUPS) shares[g] = raw[g] / total;
  return { shares, source };
}

/**
 * The colour artwork is placed on: the neutral with the largest usage weight,
 * else the lightest neutral, else white. Transparent pixels are judged as this.
 */
export function pageColour(palette: readonly PaletteEntry[]): string {
  const neutrals = palette.filter((p) => p.usage === 'neutral');
  if (neutrals.length === 0) return '#FFFFFF';
  const weighted = neutrals.reduce((best, p) => (p.usage_weight > best.usage_weight ? p : best));
  if (weighted.usage_weight > 0) return weighted.hex;
  return neutrals.reduce((best, p) => (p.lab.l > best.lab.l ? p : best)).hex;
}
