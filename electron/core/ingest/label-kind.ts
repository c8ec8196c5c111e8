import { parseColorTokens } from './color-notation';
import { memoByString } from './memo';
import { fold, mentionsSection, onlyVocabulary, roleFromText } from './vocabulary';

/** What a line of text next to a swatch is, for choosing a colour's name. */
export type LabelKind = 'value' | 'role' | 'role-name' | 'heading' | 'prose' | 'specimen' | 'noise' | 'name';

/**
 * Role category words ("Primary", "Akzentfarbe", "Neutrals", "Status colours") are headings;
 * a role word that also describes the colour ("Paper", "Background", "Success", "Grijs") may name it.
 */
const CATEGORY = /^(?:primar\w*|primaire?s?|primari[oa]s?|primair\w*|secondar\w*|secondaire?s?|secundari\w*|sekundar\w*|secundair\w*|tertiar\w*|tertiaire?s?|terciari\w*|terziari\w*|accent\w*|akzent\w*|aksent\w*|acentos?|accento|destaques?|neutral\w*|neutre?s?|neutr[oa]s?|neutri|noytral\w*|semantic\w*|semantique\w*|core|main|principa\w*|hauptfarb\w*|hoofdkleur\w*|huvudfarg\w*|hovedfarv\w*|hovedfarg\w*|supporting|support|complementar\w*|complementaire?s?|komplement\w*|erganzung\w*|highlights?|status\w*|estados?|stat[oi]|etats?|signal\w*|system\w*|brand|base|farbe?n?|farger|farver|kleur\w*|colou?rs?|couleurs?|colores?|colori|cores?|farg\w*|palette?|paleta|palet|tones?|tons?|toni|tonos|d'accent|de|d|di|da|do|del|des|du|van|af|av|of|the|and|e|y|et|og|och|en|und|\/|&|-)$/;
function categoryOnly(text: string): boolean {
  return fold(text)
    .split(/[\s]+/)
    .filter(Boolean)
    .every((w) => CATEGORY.test(w.replace(/[^\p{L}'&/-]/gu, '')));
}

/** Function words of the supported languages: a label that has them is a sentence, not a name. */
const STOPWORDS = new Set(
  (
    'the a an and or of to for in on with as is are be by this that these those your our its it can used use only only mostly from at ' +
    'der die das und oder für mit ist sind ein eine wird werden auf von zu im den dem als ' +
    'le la les et ou pour avec est sont un une des du dans sur ce cette nos notre ' +
    'el los las y o para con es son un una del en por este esta nuestro nuestra ' +
    'il lo gli e o per con è sono un una dei nel su questo questa nostro ' +
    'o os as e ou para com é são um uma do da no na este esta nosso nossa ' +
    'de het en of voor met is zijn een van op dit deze onze ' +
    'och eller för med är en ett av på den det detta vår vårt ' +
    'og eller for med er en et af på den det vores ' +
    'og eller for med er en et av på den det vår'
  ).split(/\s+/),
);

const WEIGHT_WORDS = /^(thin|hairline|extra ?light|ultra ?light|light|regular|normal|book|roman|medium|semi ?bold|demi ?bold|bold|extra ?bold|ultra ?bold|heavy|black|italic|oblique|\d00)$/i;
const COLOR_WORD = /^(black|white)$/i;

/** Letter pairs and alphabets of a type specimen ("Aa Bb Cc", "ABCDEFGHIJ", "0123456789"). */
function isSpecimen(text: string): boolean {
  const t = text.trim();
  if (/^(?:\p{Lu}\p{Ll}\s*){3,}$/u.test(t)) return true;
  if (/^[\p{L}]{12,}$/u.test(t.replace(/\s/g, '')) && /abcdef|ABCDEF|bcdefg|BCDEFG/.test(t)) return true;
  if (/0123456789|1234567890/.test(t)) return true;
  const words = t.split(/\s+/);
  if (words.length >= 2 && words.every((w) => WEIGHT_WORDS.test(w))) return true;
  return WEIGHT_WORDS.test(t) && !COLOR_WORD.test(t);
}

export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
}

/** Whether a text reads as a sentence (prose about the colour) rather than a label. */
export const isProse = memoByString(proseUncached);

function proseUncached(text: string): boolean {
  const words = wordsOf(text);
  if (words.length >= 6) return true;
  if (/[.!?;]$/.test(text.trim()) && words.length >= 3) return true;
  const stop = words.filter((w) => STOPWORDS.has(fold(w).replace(/[^\p{L}']/gu, ''))).length;
  if (stop >= 2 || (stop >= 1 && words.length >= 3 && /^\p{Ll}/u.test(text.trim()))) return true;
  return /^\p{Ll}/u.test(text.trim()) && words.length >= 3;
}

/**
 * Classify one label line. `text` is the line with its colour values removed; `raw` is the line as
 * printed. A name is a short noun phrase: one to four words, mostly letters, not a role or section
 * word, not a sentence, not a specimen, not a value.
 */
export function labelKind(raw: string, text: string): LabelKind {
  const t = text.trim();
  if (parseColorTokens(raw).some((tok) => tok.hex || tok.cmyk || tok.pantone) && t.replace(/[^\p{L}]/gu, '').length < 3) return 'value';
  if (/^(hex|rgb|cmyk|pantone|pms|hsl|hsb|ral|html|web|css|code|value|ncs)\b\s*[:=]?\s*[\w/%.,\s]*$/i.test(t) && !/\p{L}{4,}.*\p{L}{4,}/u.test(t.replace(/^(hex|rgb|cmyk|pantone|pms|hsl|hsb|ral|html|web|css|code|value|ncs)/i, ''))) return 'value';
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return 'noise';
  if (letters.length / Math.max(1, t.replace(/\s/g, '').length) < 0.6) return 'noise';
  if (mentionsSection(t, 'gradient') || /[→←]|\bdeg\b/.test(t)) return 'noise';
  if (isSpecimen(t)) return 'specimen';
  if (isProse(t)) return 'prose';
  if (onlyVocabulary(t)) return roleFromText(t) ? (categoryOnly(t) ? 'role' : 'role-name') : 'heading';
  if (wordsOf(t).length <= 2 && (['typography', 'logo', 'do', 'dont'] as const).some((s) => mentionsSection(t, s)) && !roleFromText(t)) return 'heading';
  if (wordsOf(t).length > 4 || t.length > 36) return 'prose';
  return 'name';
}

/** Split "Ocean Blue — Primary" / "Primary: Ocean Blue" into parts a label may combine. */
export function labelParts(text: string): string[] {
  return text
    .split(/\s+[—–|·•]\s+|\s*[|·•]\s*|\s+-\s+|\s*\/\s+|\s+\/\s*|:\s+|\(|\)/)
    .map((p) => p.replace(/^[\s\-–—:]+|[\s\-–—:,]+$/g, '').trim())
    .filter((p) => p.length > 0);
}
