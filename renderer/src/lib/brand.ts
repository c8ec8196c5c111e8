import type { Color } from '../../../shared/schema';
import { contrastRatio } from '../../../shared/color/wcag';
import { hexToRgb } from '../../../shared/color/srgb';
import { COLOR_USAGES, SIXTY_THIRTY_TEN, SIXTY_THIRTY_TEN_GROUPS, type ColorUsage, type SixtyThirtyTenGroup } from '../../../shared/vocab/colors';

export { COLOR_USAGES, SIXTY_THIRTY_TEN, SIXTY_THIRTY_TEN_GROUPS, type SixtyThirtyTenGroup };

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

export const SIXTY_THIRTY_TEN_LABELS: Record<SixtyThirtyTenGroup, string> = { neutral: 'Neutral (dominant)', brand: 'Brand (primary + secondary)', accent: 'Accent' };

/** Usage weights summed per 60-30-10 group and normalised (semantic colours are outside the rule). */
export function usageByGroup(colors: readonly Color[]): Record<SixtyThirtyTenGroup, number> {
  const sums: Record<SixtyThirtyTenGroup, number> = { neutral: 0, brand: 0, accent: 0 };
  for (const c of colors) {
    if (c.usage === 'neutral') sums.neutral += c.usage_weight;
    else if (c.usage === 'primary' || c.usage === 'secondary') sums.brand += c.usage_weight;
    else if (c.usage === 'accent') sums.accent += c.usage_weight;
  }
  const total = sums.neutral + sums.brand + sums.accent;
  if (total <= 0) return { neutral: 0, brand: 0, accent: 0 };
  return { neutral: sums.neutral / total, brand: sums.brand / total, accent: sums.accent / total };
}

const BLACK = { r: 0, g: 0, b: 0 };
const WHITE = { r: 255, g: 255, b: 255 };

/** Black or white text, whichever contrasts more with the swatch (WCAG 2.x, shared/color/wcag.ts). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const rgb = hexToRgb(hex);
  return contrastRatio(rgb, BLACK) >= contrastRatio(rgb, WHITE) ? '#000000' : '#ffffff';
}

export function pages(provenance: readonly { page: number }[] | undefined): string {
  const list = [...new Set((provenance ?? []).map((p) => p.page))].sort((a, b) => a - b);
  if (list.length === 0) return '';
  return list.length === 1 ? `p. ${list[0]}` : `pp. ${list.join(', ')}`;
}
