import { hexToLab, hexToRgb } from '../../../shared/color';

/**
 * A short descriptive name for a colour the document does not name ("Navy", "Off-white",
 * "Slate Blue"): hue family from the sRGB hue angle, qualified by lightness and chroma
 * (CIELAB), as a designer would call it at a glance.
 */
export function describeColor(hex: string): string {
  const { l, a, b } = hexToLab(hex);
  const chroma = Math.hypot(a, b);
  const { r, g, b: bl } = hexToRgb(hex);
  if (chroma <= 5) {
    if (l >= 99.5 && chroma < 1) return 'White';
    if (l >= 96) return 'Off-white';
    if (l >= 88) return b > 2 ? 'Linen' : 'Light Grey';
    if (l >= 68) return 'Silver Grey';
    if (l >= 45) return 'Grey';
    if (l >= 25) return 'Dark Grey';
    if (l >= 10) return 'Charcoal';
    return 'Black';
  }
  const hue = hsvHue(r, g, bl);
  if (chroma <= 17) {
    if (l >= 90) return hue >= 20 && hue < 70 ? 'Cream' : 'Off-white';
    if (hue >= 180 && hue < 270) return l < 28 ? 'Dark Slate' : 'Slate Blue';
    if (hue >= 70 && hue < 180) return 'Sage';
    if (hue >= 270 && hue < 345) return 'Mauve';
    return l < 40 ? 'Dark Taupe' : 'Taupe';
  }
  const dark = l < 35;
  const light = l > 80;
  if (hue < 10 || hue >= 345) return dark ? 'Burgundy' : light ? 'Pink' : 'Red';
  if (hue < 20) return dark ? 'Brick Red' : light ? 'Salmon' : 'Coral';
  if (hue < 42) return l < 45 ? 'Brown' : light ? 'Peach' : 'Orange';
  if (hue < 52) return l < 50 ? 'Ochre' : light ? 'Cream' : 'Amber';
  if (hue < 70) return l < 50 ? 'Olive' : light ? 'Pale Yellow' : 'Yellow';
  if (hue < 95) return l < 55 || chroma < 45 ? 'Olive Green' : 'Lime';
  if (hue < 150) return dark ? 'Forest Green' : light ? 'Mint' : 'Green';
  if (hue < 185) return light ? 'Aqua' : 'Teal';
  if (hue < 205) return dark ? 'Petrol' : light ? 'Sky Blue' : 'Cyan';
  if (hue < 250) return l < 30 ? 'Navy' : light ? 'Light Blue' : 'Blue';
  if (hue < 270) return light ? 'Periwinkle' : 'Indigo';
  if (hue < 300) return light ? 'Lavender' : dark ? 'Deep Purple' : 'Purple';
  if (hue < 330) return light ? 'Orchid' : dark ? 'Plum' : 'Magenta';
  return dark ? 'Burgundy' : light ? 'Pink' : 'Raspberry';
}

function hsvHue(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d === 0) return 0;
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** Names for several colours, kept distinct: a repeated name gets "Light"/"Dark" by relative lightness, then a number. */
export function describeColors(hexes: readonly string[], taken: ReadonlySet<string> = new Set()): string[] {
  const names = hexes.map(describeColor);
  const groups = new Map<string, number[]>();
  names.forEach((n, i) => groups.set(n, [...(groups.get(n) ?? []), i]));
  for (const [name, indices] of groups) {
    if (indices.length < 2 && !taken.has(name.toLowerCase())) continue;
    const byLightness = [...indices].sort((x, y) => hexToLab(hexes[y]!).l - hexToLab(hexes[x]!).l);
    byLightness.forEach((index, rank) => {
      const qualified = indices.length === 2 ? `${rank === 0 ? 'Light' : 'Dark'} ${name}` : `${name} ${rank + 1}`;
      names[index] = qualified.replace(/^(Light|Dark) (Light|Dark) /, '$1 ');
    });
  }
  return names;
}
