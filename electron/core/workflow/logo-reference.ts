import { hexToLab } from '../../../shared/color';
import type { CompressedDigitalTwin } from '../../../shared/schema';
import { logoVariantOf, type LogoVariant } from '../../../shared/vocab/logos';
import { logoReferenceText } from '../gemini/prompts';
import type { ReferenceImage } from '../gemini/types';
import type { Store } from '../store';
import { parseFileUri } from '../store/file-store';

/** The logo a generation or correction turn carries, and the words that go with it. */
export interface LogoReference {
  variant: LogoVariant;
  image: ReferenceImage;
  text: string;
}

// "on a dark background", "black backdrop", "night scene", "dark mode" … and the same in a few of the guideline languages.
const DARK_REQUEST =
  /\b(?:dark|black|night|midnight|navy|charcoal|deep)\b[^.,;]{0,24}\b(?:background|backdrop|bg|theme|mode|scene|setting|canvas|sky)\b|\b(?:on|over|against)\s+(?:a\s+|an\s+)?(?:dark|black|deep)\b|\bdunkl\w*\s+hintergrund|\bfond\s+(?:noir|sombre|fonc)|\bfondo\s+(?:negro|oscuro|nero|scuro)|\bfundo\s+(?:preto|escuro)|\bdonkere?\s+achtergrond/i;

/**
 * Whether the image will sit on a dark background: the prompt asks for one, or the brand's
 * main neutral (its canvas colour, heaviest first in the twin) is dark.
 */
export function wantsDarkBackground(request: string, twin: Pick<CompressedDigitalTwin, 'neutral_colors'>): boolean {
  if (DARK_REQUEST.test(request)) return true;
  const canvas = twin.neutral_colors[0];
  return canvas !== undefined && hexToLab(canvas).l < 30;
}

/**
 * The logo file to send with every turn of a generation (docs/ARCHITECTURE.md, "Logos"): the
 * reversed variant when the image will be dark and the brand has one, else the primary (else
 * whatever variant the brand has). Null when the twin names no logo file or the file is gone.
 */
export async function logoReference(store: Store, twin: Pick<CompressedDigitalTwin, 'logo_files' | 'neutral_colors'>, request: string): Promise<LogoReference | null> {
  const files = twin.logo_files.map((f) => ({ variant: logoVariantOf(f.variant), url: f.url }));
  const order: LogoVariant[] = wantsDarkBackground(request, twin) ? ['reversed', 'primary', 'mark'] : ['primary', 'reversed', 'mark'];
  for (const variant of order) {
    const chosen = files.find((f) => f.variant === variant);
    const file = chosen ? parseFileUri(chosen.url) : null;
    if (!file || !store.files.has(file.sha256, file.ext)) continue;
    const mime = store.fileRecords.get(file.sha256)?.mime ?? null;
    if (!mime?.startsWith('image/')) continue;
    return { variant, image: { bytes: await store.files.read(file.sha256, file.ext), mime }, text: logoReferenceText(variant) };
  }
  return null;
}

/** The turn's text with the logo instruction before it (the image part precedes both). */
export function withLogoText(logo: LogoReference | null, text: string): string {
  return logo ? `${logo.text}\n\n${text}` : text;
}
