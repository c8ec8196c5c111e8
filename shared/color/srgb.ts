import { MobiusError } from '../errors';

/** An sRGB colour with 8-bit channels (0..255). */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}
/** CIE XYZ with Y of the white point = 100. */
export interface Xyz {
  x: number;
  y: number;
  z: number;
}
/** CIELAB (D65). */
export interface Lab {
  l: number;
  a: number;
  b: number;
}

/** D65 reference white (2° observer), Y = 100, the white sRGB is defined against. */
export const D65 = { x: 95.047, y: 100, z: 108.883 } as const;

export function hexToRgb(hex: string): Rgb {
  const raw = hex.trim().replace(/^#/, '');
  const full = /^[0-9a-fA-F]{3}$/.test(raw) ? raw.replace(/./g, (c) => c + c) : raw;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) {
    throw new MobiusError('VALIDATION', `"${hex}" is not a hex colour like #1A2B3C.`);
  }
  const n = Number.parseInt(full, 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

function channelHex(v: number): string {
  return Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0').toUpperCase();
}

export function rgbToHex({ r, g, b }: Rgb): string {
  return `#${channelHex(r)}${channelHex(g)}${channelHex(b)}`;
}

/** sRGB transfer function (IEC 61966-2-1): 0..1 encoded → 0..1 linear light. */
export function srgbChannelToLinear(encoded: number): number {
  return encoded <= 0.04045 ? encoded / 12.92 : ((encoded + 0.055) / 1.055) ** 2.4;
}

export function linearChannelToSrgb(linear: number): number {
  const v = linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(1, v));
}

/** Linear light for each 8-bit value, computed once (hot loops index it instead of calling pow). */
export const SRGB8_TO_LINEAR: Float64Array = (() => {
  const table = new Float64Array(256);
  for (let i = 0; i < 256; i++) table[i] = srgbChannelToLinear(i / 255);
  return table;
})();

export function rgbToLinear({ r, g, b }: Rgb): [number, number, number] {
  return [srgbChannelToLinear(r / 255), srgbChannelToLinear(g / 255), srgbChannelToLinear(b / 255)];
}

export function linearToRgb([r, g, b]: readonly [number, number, number]): Rgb {
  return { r: linearChannelToSrgb(r) * 255, g: linearChannelToSrgb(g) * 255, b: linearChannelToSrgb(b) * 255 };
}

// sRGB primaries with the D65 white (IEC 61966-2-1), scaled so Y(white) = 100.
export function linearToXyz([r, g, b]: readonly [number, number, number]): Xyz {
  return {
    x: (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) * 100,
    y: (0.2126729 * r + 0.7151522 * g + 0.072175 * b) * 100,
    z: (0.0193339 * r + 0.119192 * g + 0.9503041 * b) * 100,
  };
}

export function xyzToLinear({ x, y, z }: Xyz): [number, number, number] {
  const X = x / 100;
  const Y = y / 100;
  const Z = z / 100;
  return [
    3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z,
    -0.969266 * X + 1.8760108 * Y + 0.041556 * Z,
    0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z,
  ];
}

const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function labFInverse(f: number): number {
  const f3 = f * f * f;
  return f3 > EPSILON ? f3 : (116 * f - 16) / KAPPA;
}

export function xyzToLab({ x, y, z }: Xyz): Lab {
  const fx = labF(x / D65.x);
  const fy = labF(y / D65.y);
  const fz = labF(z / D65.z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

export function labToXyz({ l, a, b }: Lab): Xyz {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  return { x: labFInverse(fx) * D65.x, y: labFInverse(fy) * D65.y, z: labFInverse(fz) * D65.z };
}

export function rgbToLab(rgb: Rgb): Lab {
  return xyzToLab(linearToXyz(rgbToLinear(rgb)));
}

/** Lab → sRGB, clipped to the gamut (values are unrounded 0..255). */
export function labToRgb(lab: Lab): Rgb {
  return linearToRgb(xyzToLinear(labToXyz(lab)));
}

export function hexToLab(hex: string): Lab {
  return rgbToLab(hexToRgb(hex));
}

/**
 * Lab of an 8-bit (possibly fractional, e.g. a bin mean) sRGB triple, without
 * allocating intermediate objects — the measurement hot path calls this per bin.
 */
export function rgb8ToLab(r: number, g: number, b: number, out: Lab = { l: 0, a: 0, b: 0 }): Lab {
  const lr = Number.isInteger(r) ? SRGB8_TO_LINEAR[r]! : srgbChannelToLinear(r / 255);
  const lg = Number.isInteger(g) ? SRGB8_TO_LINEAR[g]! : srgbChannelToLinear(g / 255);
  const lb = Number.isInteger(b) ? SRGB8_TO_LINEAR[b]! : srgbChannelToLinear(b / 255);
  const fx = labF((0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) * (100 / D65.x));
  const fy = labF(0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb);
  const fz = labF((0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) * (100 / D65.z));
  out.l = 116 * fy - 16;
  out.a = 500 * (fx - fy);
  out.b = 200 * (fy - fz);
  return out;
}
