import type { Color, ColorUsage } from '../../../shared/schema';

// Plain constants (not the zod enums) keep zod out of the renderer bundle.
export const COLOR_USAGES = ['primary', 'secondary', 'accent', 'neutral', 'semantic'] as const satisfies readonly ColorUsage[];
export const USAGE_LABELS: Record<ColorUsage, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  accent: 'Accent',
  neutral: 'Neutral',
  semantic: 'Semantic',
};

export function groupByUsage(colors: readonly Color[]): { usage: ColorUsage; colors: { color: Color; index: number }[] }[] {
  return COLOR_USAGES.map((usage) => ({
    usage,
    colors: colors.map((color, index) => ({ color, index })).filter(({ color }) => color.usage === usage),
  })).filter((g) => g.colors.length > 0);
}

export type RoleGroup = 'neutral' | 'brand' | 'accent';
export const ROLE_GROUP_LABELS: Record<RoleGroup, string> = { neutral: 'Neutral (dominant)', brand: 'Brand (primary + secondary)', accent: 'Accent' };
export const SIXTY_THIRTY_TEN: Record<RoleGroup, number> = { neutral: 0.6, brand: 0.3, accent: 0.1 };

/** Usage weights summed per 60-30-10 group and normalised (semantic colours are outside the rule). */
export function usageByGroup(colors: readonly Color[]): Record<RoleGroup, number> {
  const sums: Record<RoleGroup, number> = { neutral: 0, brand: 0, accent: 0 };
  for (const c of colors) {
    if (c.usage === 'neutral') sums.neutral += c.usage_weight;
    else if (c.usage === 'primary' || c.usage === 'secondary') sums.brand += c.usage_weight;
    else if (c.usage === 'accent') sums.accent += c.usage_weight;
  }
  const total = sums.neutral + sums.brand + sums.accent;
  if (total <= 0) return { neutral: 0, brand: 0, accent: 0 };
  return { neutral: sums.neutral / total, brand: sums.brand / total, accent: sums.accent / total };
}

/** Black or white text, whichever reads better on the swatch (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  return l > 0.179 ? '#000000' : '#ffffff';
}

export function pages(provenance: readonly { page: number }[] | undefined): string {
  const list = [...new Set((provenance ?? []).map((p) => p.page))].sort((a, b) => a - b);
  if (list.length === 0) return '';
  return list.length === 1 ? `p. ${list[0]}` : `pp. ${list.join(', ')}`;
}
