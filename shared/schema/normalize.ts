import { z } from 'zod';

/**
 * Normalise the colour notations people type into `#RRGGBB` (upper-case).
 * Accepts `#RGB`, `#RRGGBB`, and both without `#`; anything else is returned
 * unchanged so the hex regex rejects it with a clear message.
 */
export function normalizeHex(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const raw = value.trim().replace(/^#/, '');
  if (/^[0-9a-fA-F]{6}$/.test(raw)) return `#${raw.toUpperCase()}`;
  if (/^[0-9a-fA-F]{3}$/.test(raw)) {
    return `#${raw
      .split('')
      .map((c) => c + c)
      .join('')
      .toUpperCase()}`;
  }
  return value;
}

export const HEX_PATTERN = /^#[0-9A-F]{6}$/;

export const Hex = z.preprocess(
  normalizeHex,
  z.string().regex(HEX_PATTERN, { message: 'Colour must be a hex code like #1A2B3C' }),
);

/** A lower-cased, trimmed enum, with optional aliases for legacy or synonymous words. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Record<string, T[number]> = {},
) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const key = v.trim().toLowerCase();
    return aliases[key] ?? key;
  }, z.enum(values));
}

export const IsoTimestamp = z.string().min(1);

export const UnitInterval = z.number().min(0).max(1);

export const Score = z.number().min(0).max(100);
