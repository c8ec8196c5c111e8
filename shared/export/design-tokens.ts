import type { Brand, ColorUsage } from '../schema/brand';

/** Token names designers can type: lower-case words joined by dashes. */
export function tokenName(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug : fallback;
}

function uniqueNames<T>(items: readonly T[], name: (item: T, index: number) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const base = name(item, index);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

type TokenGroup = Record<string, unknown>;

/** The brand twin as W3C Design Tokens (DTCG format): colours grouped by role, font families. */
export function toDesignTokens(brand: Brand): TokenGroup {
  const { colors, typography } = brand.guidelines;
  const colorNames = uniqueNames(colors, (c, i) => tokenName(c.name, `color-${i + 1}`));
  const color: Record<ColorUsage, TokenGroup> = { primary: {}, secondary: {}, accent: {}, neutral: {}, semantic: {} };
  colors.forEach((c, i) => {
    color[c.usage][colorNames[i]!] = {
      $type: 'color',
      $value: c.hex,
      ...(c.context ? { $description: c.context } : {}),
      $extensions: { 'app.mobius': { usage_weight: c.usage_weight, name: c.name } },
    };
  });
  const fontNames = uniqueNames(typography, (t, i) => tokenName(t.family, `font-${i + 1}`));
  const font: TokenGroup = {};
  typography.forEach((t, i) => {
    font[fontNames[i]!] = {
      $type: 'fontFamily',
      $value: [t.family],
      ...(t.usage ? { $description: t.usage } : {}),
    };
  });
  const roles = Object.fromEntries(Object.entries(color).filter(([, group]) => Object.keys(group).length > 0));
  const gradients = brand.guidelines.gradients ?? [];
  const gradientNames = uniqueNames(gradients, (g, i) => tokenName(g.name, `gradient-${i + 1}`));
  const gradient: TokenGroup = {};
  gradients.forEach((g, i) => {
    gradient[gradientNames[i]!] = {
      $type: 'gradient',
      $value: g.stops.map((s, j) => ({ color: s.hex, position: s.position ?? (g.stops.length > 1 ? j / (g.stops.length - 1) : 0) })),
      ...(g.angle !== null && g.angle !== undefined ? { $extensions: { 'app.mobius': { angle: g.angle } } } : {}),
    };
  });
  return {
    $description: `${brand.name} brand tokens (Mobius brand version ${brand.version})`,
    color: roles,
    font,
    ...(gradients.length > 0 ? { gradient } : {}),
  };
}

function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;
}

/** The brand twin as CSS custom properties on :root. */
export function toCssVariables(brand: Brand): string {
  const { colors, typography } = brand.guidelines;
  const colorNames = uniqueNames(colors, (c, i) => `${c.usage}-${tokenName(c.name, `color-${i + 1}`)}`);
  const fontNames = uniqueNames(typography, (t, i) => tokenName(t.family, `font-${i + 1}`));
  const gradients = brand.guidelines.gradients ?? [];
  const gradientNames = uniqueNames(gradients, (g, i) => tokenName(g.name, `gradient-${i + 1}`));
  const css = (g: (typeof gradients)[number]) =>
    `linear-gradient(${g.angle ?? 90}deg, ${g.stops.map((s, j) => `${s.hex} ${Math.round((s.position ?? (g.stops.length > 1 ? j / (g.stops.length - 1) : 0)) * 100)}%`).join(', ')})`;
  const lines = [
    `/* ${brand.name.replace(/\*\//g, '* /')} — Mobius brand version ${brand.version} */`,
    ':root {',
    ...colors.map((c, i) => `  --brand-${colorNames[i]}: ${c.hex};`),
    ...typography.map((t, i) => `  --brand-font-${fontNames[i]}: ${cssString(t.family)};`),
    ...gradients.map((g, i) => `  --brand-gradient-${gradientNames[i]}: ${css(g)};`),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
