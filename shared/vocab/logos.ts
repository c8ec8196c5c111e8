// Plain logo vocabulary (no zod): the variants a brand's logo files are sorted into.

/**
 * primary: the logo as it normally appears (on light backgrounds); reversed: the version for
 * dark backgrounds (white or light ink); mark: the symbol or icon on its own, without the wordmark.
 */
export const LOGO_VARIANTS = ['primary', 'reversed', 'mark'] as const;
export type LogoVariant = (typeof LOGO_VARIANTS)[number];

export const LOGO_VARIANT_LABELS: Record<LogoVariant, string> = {
  primary: 'Primary',
  reversed: 'Reversed (on dark)',
  mark: 'Mark / icon',
};

const REVERSED = /revers|negativ|invers|knock.?out|on.?dark|dark.?background|white|wei(ss|ß)|blanc|blanco|bianco|branco|wit\b|vit\b|hvid|hvit/i;
const MARK = /\bmark\b|logomark|icon|symbol|emblem|monogram|favicon|glyph|bildmarke|beeldmerk|picto|bubble|signet|isotipo|isotype|simbolo|símbolo/i;

/** The variant a free-text variant name (Mobius data, a model's answer) stands for. */
export function logoVariantOf(name: string): LogoVariant {
  const text = name.trim();
  if ((LOGO_VARIANTS as readonly string[]).includes(text.toLowerCase())) return text.toLowerCase() as LogoVariant;
  if (REVERSED.test(text)) return 'reversed';
  if (MARK.test(text)) return 'mark';
  return 'primary';
}
