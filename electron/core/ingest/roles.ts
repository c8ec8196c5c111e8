export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** White, black and greys (low chroma) are canvas colours when the document says nothing else. */
export function isAchromatic(hex: string): boolean {
  const [r, g, b] = rgbOf(hex);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  return max - min <= 18 || (max >= 244 && max - min <= 30);
}
