import { srgbChannelToLinear, type Rgb } from './srgb';

/**
 * WCAG 2.x relative luminance (0 black … 1 white). WCAG 2.x prints 0.03928 as
 * the linearisation threshold; it differs from sRGB's 0.04045 on no 8-bit value
 * that matters, so the sRGB function is used.
 */
export function relativeLuminance({ r, g, b }: Rgb): number {
  return (
    0.2126 * srgbChannelToLinear(r / 255) + 0.7152 * srgbChannelToLinear(g / 255) + 0.0722 * srgbChannelToLinear(b / 255)
  );
}

/** WCAG 2.x contrast ratio (1 … 21), symmetric in its arguments. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la >= lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2.x SC 1.4.3 minimum (AA): 4.5:1, or 3:1 for large text. */
export function requiredContrast(largeText: boolean): number {
  return largeText ? 3 : 4.5;
}
