import type { ColorUsage } from '../../../shared/schema';
import { memoByString } from './memo';

/**
 * Role and section words of brand guidelines in English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Swedish, Danish and Norwegian — data, matched without diacritics or case
 * ("Färger" = "farger", "Primärfarbe" = "primarfarbe"). A term ending in "*" also matches as
 * the start of a compound word ("accentfärg*" matches "Accentfärger", "akzent*" "Akzentfarbe").
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'no'] as const;
export type VocabularyLanguage = (typeof LANGUAGES)[number];

export type Section = 'colors' | 'typography' | 'logo' | 'do' | 'dont' | 'gradient';

type Terms = Partial<Record<VocabularyLanguage, string[]>>;

/** The seed's Rosetta Stone terms per role, in every language. */
export const ROLE_TERMS: Record<ColorUsage, Terms> = {
  semantic: {
    en: ['success', 'error', 'warning', 'alert', 'info', 'information', 'system status', 'status', 'states', 'status colo*', 'validation', 'danger', 'feedback colo*', 'system colo*', 'semantic*', 'functional colo*'],
    de: ['erfolg', 'fehler', 'warnung', 'hinweis', 'signalfarb*', 'systemfarb*', 'statusfarb*', 'semantisch*'],
    fr: ['succes', 'erreur', 'avertissement', 'alerte', 'etat', 'etats', 'couleurs fonctionnelles', 'couleur fonctionnelle', "couleurs d'etat", "couleur d'etat", 'fonctionnelle', 'semantique*'],
    es: ['exito', 'advertencia', 'alerta', 'estado', 'estados', 'colores de estado', 'color de estado', 'colores funcionales', 'semantico*', 'semantica*'],
    it: ['successo', 'errore', 'avviso', 'stato', 'colori di stato', 'colore di stato', 'colori funzionali', 'semantic*'],
    pt: ['sucesso', 'erro', 'aviso', 'estado', 'estados', 'cores de estado', 'cor de estado', 'cores funcionais', 'semantica*'],
    nl: ['succes', 'fout', 'waarschuwing', 'signaalkleur*', 'statuskleur*', 'systeemkleur*'],
    sv: ['framgang', 'fel', 'varning', 'signalfarg*', 'statusfarg*', 'systemfarg*'],
    da: ['fejl', 'advarsel', 'signalfarve*', 'statusfarve*', 'systemfarve*'],
    no: ['feil', 'advarsel', 'signalfarge*', 'statusfarge*', 'systemfarge*'],
  },
  accent: {
    en: ['accent*', 'highlight*', 'spot colo*', 'cta', 'call to action', 'call-to-action', 'button*', 'link*', 'hyperlink*', 'interaction*', 'pop', 'focus'],
    de: ['akzent*', 'hervorhebung*', 'schaltfla*'],
    fr: ['accent*', "couleurs d'accent", "couleur d'accent", 'mise en avant', 'bouton*', 'lien*'],
    es: ['acento*', 'destacado*', 'boton*', 'enlace*'],
    it: ['accento', "d'accento", 'colori di accento', 'evidenzia*', 'pulsant*'],
    pt: ['destaque*', 'acento*', 'botao', 'botoes'],
    nl: ['accent*', 'accentkleur*', 'knop*'],
    sv: ['accent*', 'accentfarg*', 'knapp*', 'lank*'],
    da: ['accent*', 'accentfarve*', 'knap*'],
    no: ['aksent*', 'aksentfarge*', 'accent*', 'knapp*'],
  },
  neutral: {
    en: ['neutral*', 'background*', 'base', 'canvas', 'paper', 'text', 'body copy', 'body', 'typography colo*', 'negative space', 'whitespace', 'grey*', 'gray*', 'greyscale', 'grayscale'],
    de: ['neutral*', 'hintergrund*', 'grau*', 'grautone', 'grauton', 'textfarb*'],
    fr: ['neutre*', 'fond*', 'gris', 'couleurs neutres'],
    es: ['neutro*', 'neutra*', 'fondo*', 'gris*'],
    it: ['neutri', 'neutro', 'neutra', 'sfondo*', 'grigi*'],
    pt: ['neutra*', 'neutro*', 'fundo*', 'cinza*'],
    nl: ['neutra*', 'achtergrond*', 'grijs*', 'grijstint*'],
    sv: ['neutral*', 'bakgrund*', 'grask*', 'gra'],
    da: ['neutral*', 'baggrund*', 'gratone*', 'gra'],
    no: ['noytral*', 'bakgrunn*', 'gratone*', 'gra'],
  },
  secondary: {
    en: ['secondary', 'supporting', 'support', 'complementary', 'palette b', 'pattern*', 'graphic element*', 'shapes', 'shape', 'tertiary', 'additional', 'extended'],
    de: ['sekundar*', 'erganzungsfarb*', 'erganzend*', 'zusatzfarb*', 'nebenfarb*', 'komplementar*'],
    fr: ['secondaire*', 'complementaire*', 'couleurs de soutien', 'tertiaire*'],
    es: ['secundari*', 'complementari*', 'de apoyo', 'terciari*'],
    it: ['secondari*', 'complementar*', 'di supporto', 'terziari*'],
    pt: ['secundari*', 'complementar*', 'de apoio', 'terciari*'],
    nl: ['secundair*', 'ondersteunend*', 'aanvullend*', 'complementair*'],
    sv: ['sekundar*', 'komplementfarg*', 'komplement*', 'stodfarg*'],
    da: ['sekundar*', 'komplementar*', 'stottefarve*'],
    no: ['sekundar*', 'stottefarge*', 'komplementar*'],
  },
  primary: {
    en: ['primary', 'core', 'dominant', 'main', 'master brand', 'logo colo*', 'brand identity', 'brand colo*', 'corporate colo*'],
    de: ['primar*', 'hauptfarb*', 'markenfarb*', 'hausfarb*', 'unternehmensfarb*'],
    fr: ['primaire*', 'principale*', 'principal', 'couleurs principales', 'couleur de marque'],
    es: ['primari*', 'principal*', 'corporativo', 'color de marca'],
    it: ['primari*', 'principal*', 'colore del marchio', 'istituzional*'],
    pt: ['primari*', 'principal', 'principais', 'institucional'],
    nl: ['primair*', 'hoofdkleur*', 'merkkleur*'],
    sv: ['primar*', 'huvudfarg*', 'profilfarg*'],
    da: ['primar*', 'hovedfarve*', 'profilfarve*'],
    no: ['primar*', 'hovedfarge*', 'profilfarge*'],
  },
};

export const SECTION_TERMS: Record<Section, Terms> = {
  colors: {
    en: ['colour*', 'color*', 'palette', 'swatch*'],
    de: ['farbe*', 'farben', 'farbpalette', 'farbwelt', 'farbsystem'],
    fr: ['couleur*', 'palette*'],
    es: ['color*', 'paleta*', 'cromatic*'],
    it: ['colori', 'colore', 'palette', 'cromatic*'],
    pt: ['cor', 'cores', 'paleta*', 'cromatic*'],
    nl: ['kleur*', 'kleurenpalet', 'kleurgebruik'],
    sv: ['farg*', 'fargpalett'],
    da: ['farve*', 'farver', 'farvepalet'],
    no: ['farge*', 'farger', 'fargepalett'],
  },
  typography: {
    en: ['typography', 'typefaces', 'typeface', 'fonts', 'font', 'type families', 'type family'],
    de: ['typografie', 'typographie', 'schrift*', 'hausschrift'],
    fr: ['typographie', 'polices', 'police*', 'caracteres'],
    es: ['tipografia*', 'fuentes', 'fuente', 'tipo de letra'],
    it: ['tipografia', 'caratteri', 'carattere', 'font'],
    pt: ['tipografia', 'fontes', 'fonte'],
    nl: ['typografie', 'lettertype*', 'letter*'],
    sv: ['typografi', 'typsnitt*'],
    da: ['typografi', 'skrifttype*', 'skrift'],
    no: ['typografi', 'skrifttype*', 'skrift', 'profilskrift'],
  },
  logo: {
    en: ['logo*', 'wordmark', 'logomark', 'mark'],
    de: ['logo*', 'wortmarke', 'bildmarke'],
    fr: ['logo*', 'logotype'],
    es: ['logo*', 'logotipo*'],
    it: ['logo*', 'marchio'],
    pt: ['logo*', 'logotipo*', 'marca'],
    nl: ['logo*', 'beeldmerk'],
    sv: ['logo*', 'logotyp*'],
    da: ['logo*'],
    no: ['logo*'],
  },
  do: {
    en: ['do', 'dos', "do's", 'correct', 'correct use'],
    de: ['richtig', 'so ja'],
    fr: ['a faire', 'correct'],
    es: ['correcto'],
    it: ['corretto', 'da fare'],
    pt: ['correto', 'fazer'],
    nl: ['wel doen', 'goed'],
    sv: ['gor sa har', 'ratt'],
    da: ['gor', 'korrekt'],
    no: ['gjor', 'riktig'],
  },
  dont: {
    en: ["don't", 'dont', "don'ts", 'donts', 'incorrect', 'misuse', 'avoid', 'never', 'incorrect use'],
    de: ['falsch', 'nicht', 'niemals', 'vermeiden', 'so nicht'],
    fr: ['a eviter', 'incorrect', 'jamais', 'a ne pas faire'],
    es: ['incorrecto', 'nunca', 'evitar'],
    it: ['da evitare', 'scorretto', 'mai', 'errato'],
    pt: ['incorreto', 'nunca', 'evitar'],
    nl: ['niet doen', 'fout', 'nooit', 'vermijd*'],
    sv: ['undvik', 'aldrig', 'fel'],
    da: ['undga', 'aldrig', 'forkert'],
    no: ['unnga', 'aldri', 'feil'],
  },
  gradient: {
    en: ['gradient*'],
    de: ['farbverlauf*', 'verlauf*', 'verlaufe'],
    fr: ['degrade*'],
    es: ['degradado*', 'gradiente*'],
    it: ['sfumatur*', 'gradient*'],
    pt: ['gradiente*', 'degrade*'],
    nl: ['kleurverloop', 'kleurverlopen', 'verloop', 'verlopen', 'gradient*'],
    sv: ['fargovergang*', 'toning*', 'gradient*'],
    da: ['farveforlob*', 'gradient*'],
    no: ['fargeovergang*', 'gradient*'],
  },
};

/** Lower case, diacritics and ligatures folded, curly quotes straightened (memoised: labels repeat). */
export const fold = memoByString(foldUncached);

function foldUncached(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'a')
    .replace(/œ/gi, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termPattern(term: string): string {
  const compound = term.endsWith('*');
  const body = escape(fold(compound ? term.slice(0, -1) : term)).replace(/ /g, '\\s+');
  return compound ? `${body}[\\p{L}]*` : body;
}

function compile(terms: Terms): RegExp {
  const all = [...new Set(Object.values(terms).flat())].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${all.map(termPattern).join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

const ROLE_RES = (Object.keys(ROLE_TERMS) as ColorUsage[]).map((role) => [role, compile(ROLE_TERMS[role])] as const);
const ROLE_GLOBAL = ROLE_RES.map(([, re]) => new RegExp(re.source, 'gu'));
const SECTION_RES = Object.fromEntries((Object.keys(SECTION_TERMS) as Section[]).map((s) => [s, compile(SECTION_TERMS[s])])) as Record<Section, RegExp>;
const SECTION_GLOBAL = (['colors', 'gradient'] as const).map((s) => new RegExp(SECTION_RES[s].source, 'gu'));

export interface RoleMatch {
  role: ColorUsage;
  term: string;
  index: number;
}

/** Every role term in a text, in reading order (one per role). */
export function roleMatches(text: string): RoleMatch[] {
  const folded = fold(text);
  const found: RoleMatch[] = [];
  for (const [role, re] of ROLE_RES) {
    const m = re.exec(folded);
    if (m) found.push({ role, term: m[0], index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Single-word stems of the role terms, for matching words OCR misread by one letter. */
const ROLE_STEMS = (Object.keys(ROLE_TERMS) as ColorUsage[]).flatMap((role) =>
  [...new Set(Object.values(ROLE_TERMS[role]).flat())]
    .filter((t) => !t.includes(' ') && t.replace('*', '').length >= 6)
    .map((t) => ({ role, stem: fold(t.replace('*', '')), compound: t.endsWith('*') })),
);

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Role terms in OCR'd text, tolerating one misread letter per word ("Secundéria" → secundári-). */
export function fuzzyRoleFromText(text: string): RoleMatch | null {
  const exact = roleFromText(text);
  if (exact) return exact;
  let index = 0;
  for (const word of fold(text).split(/[^\p{L}]+/u)) {
    if (word.length >= 6) {
      for (const { role, stem, compound } of ROLE_STEMS) {
        const head = compound ? word.slice(0, stem.length) : word;
        if (withinOneEdit(head, stem) || (compound && withinOneEdit(word.slice(0, stem.length + 1), stem))) return { role, term: word, index };
      }
    }
    index += word.length + 1;
  }
  return null;
}

const SURFACE = /^(background|hintergrund|fond|fondo|sfondo|fundo|achtergrond|bakgrund|baggrund|bakgrunn|canvas|paper)/;

/**
 * The role a label states. With several terms ("Primary Background"), the seed's conflict
 * rule prefers the surface (background words → neutral); otherwise the first term written wins.
 */
export function roleFromText(text: string): RoleMatch | null {
  const matches = roleMatches(text);
  if (matches.length === 0) return null;
  if (matches.length > 1) {
    const surface = matches.find((m) => SURFACE.test(m.term));
    if (surface) return surface;
  }
  return matches[0]!;
}

export function mentionsSection(text: string, section: Section): boolean {
  return SECTION_RES[section].test(fold(text));
}

/** Words that only name a section or a role ("Colours", "Primary palette", "Akzentfarbe"). */
const FILLER = /^(?:the|our|brand|die|der|unsere|les|la|le|nos|los|las|nuestros|i|il|le|nostri|os|as|nossas|de|het|onze|vara|vores|vare|and|und|et|y|e|en|og|och|\/|&|-|–|—|:|\s)*$/;

/** Whether a label says nothing but section and role words (then it is a heading, not a name). */
export function onlyVocabulary(text: string): boolean {
  let rest = fold(text);
  for (const re of ROLE_GLOBAL) rest = rest.replace(re, ' ');
  for (const re of SECTION_GLOBAL) rest = rest.replace(re, ' ');
  rest = rest.replace(/\b(colou?rs?|palette|palet|paleta|tones?|tints?|shades?|set|scheme|family|families|groups?|farben?|couleurs?|colores?|colori|cores|kleuren|farger|farver|fargor|toner|tonos|toni|tons|tinten)\b/g, ' ');
  return FILLER.test(rest.replace(/[^\p{L}\s/&:-]/gu, ' ').replace(/\s+/g, ' ').trim()) || rest.replace(/[^\p{L}]/gu, '').length === 0;
}
