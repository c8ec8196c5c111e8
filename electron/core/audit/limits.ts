/**
 * Audit limits, in one place so the docs and error messages agree.
 *
 * Pixel measurements run on a copy downscaled so its long side is at most
 * ANALYSIS_MAX_SIDE pixels: colour shares and region boxes are area ratios, so a
 * 1024 px copy keeps them within a fraction of a percentage point while bounding
 * the cost of every later step (1 Mpx at most) whatever the input size.
 */
export const ANALYSIS_MAX_SIDE = 1024;
/** Larger files are refused before decoding (Mobius capped images at 10 MiB; we accept more). */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;
/** Decompression-bomb guard: more pixels than this (e.g. 30000×30000) are refused from the header alone. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** SVGs are rasterised at this density (96 dpi, as browsers do). */
export const SVG_DENSITY = 96;
