import { memoByString } from './memo';

/** Colour values as designers print them, parsed from one line of text. */
export interface ColorToken {
  kind: 'hex' | 'rgb' | 'hsl' | 'cmyk' | 'pantone';
  /** `#RRGGBB` for hex, rgb and hsl tokens. */
  hex?: string;
  cmyk?: [number, number, number, number];
  pantone?: string;
  /** Character offset in the line (for picking the label next to it). */
  index: number;
}

const toHex = (r: number, g: number, b: number) =>
  `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('').toUpperCase()}`;

export function expandHex(raw: string): string {
  const h = raw.replace(/^(#|0x)/i, '').toUpperCase();
  return `#${h.length === 3 ? h.split('').map((c) => c + c).join('') : h}`;
}

function hslToHex(h: number, s: number, l: number): string {
  s /= 100;
  l /= 100;
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return toHex(f(0) * 255, f(8) * 255, f(4) * 255);
}

const byte = (v: string) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : null;
};
const pct = (v: string) => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
};

/**
 * Every colour value in a line. Bare hex (no `#`/`0x`) is accepted only where the line
 * labels it as hex or the token stands alone and mixes digits with letters — so words
 * like "ABCDEF" in a type specimen or "decade" in prose are not colours.
 */
const parsed = memoByString(parseUncached);

export function parseColorTokens(line: string): ColorToken[] {
  // Copies: callers may keep and change the tokens they get.
  return parsed(line).map((t) => ({ ...t }));
}

function parseUncached(line: string): ColorToken[] {
  const tokens: ColorToken[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (token: ColorToken, start: number, end: number) => {
    if (!free(start, end)) return;
    taken.push([start, end]);
    tokens.push(token);
  };
  let m: RegExpExecArray | null;

  const rgbFn = /rgba?\s*\(\s*(\d{1,3})\s*[, ]\s*(\d{1,3})\s*[, ]\s*(\d{1,3})\s*(?:[,/]\s*[\d.]+%?\s*)?\)/gi;
  while ((m = rgbFn.exec(line))) {
    const [r, g, b] = [byte(m[1]!), byte(m[2]!), byte(m[3]!)];
    if (r !== null && g !== null && b !== null) add({ kind: 'rgb', hex: toHex(r, g, b), index: m.index }, m.index, m.index + m[0].length);
  }
  const rgbLetters = /\bR\s*[:=]?\s*(\d{1,3})\s*[,;/]?\s*G\s*[:=]?\s*(\d{1,3})\s*[,;/]?\s*B\s*[:=]?\s*(\d{1,3})\b/g;
  while ((m = rgbLetters.exec(line))) {
    const [r, g, b] = [byte(m[1]!), byte(m[2]!), byte(m[3]!)];
    if (r !== null && g !== null && b !== null) add({ kind: 'rgb', hex: toHex(r, g, b), index: m.index }, m.index, m.index + m[0].length);
  }
  const rgbLabel = /\bRGB\s*[:=]?\s*(\d{1,3})\s*[,/ ]\s*(\d{1,3})\s*[,/ ]\s*(\d{1,3})\b/gi;
  while ((m = rgbLabel.exec(line))) {
    const [r, g, b] = [byte(m[1]!), byte(m[2]!), byte(m[3]!)];
    if (r !== null && g !== null && b !== null) add({ kind: 'rgb', hex: toHex(r, g, b), index: m.index }, m.index, m.index + m[0].length);
  }
  const hslFn = /hsla?\s*\(\s*(\d{1,3}(?:\.\d+)?)\s*(?:deg)?\s*[, ]\s*(\d{1,3}(?:\.\d+)?)%\s*[, ]\s*(\d{1,3}(?:\.\d+)?)%/gi;
  while ((m = hslFn.exec(line))) {
    const [h, s, l] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (h <= 360 && s <= 100 && l <= 100) add({ kind: 'hsl', hex: hslToHex(h, s, l), index: m.index }, m.index, m.index + m[0].length);
  }
  const cmykLabel = /\bCMYK\s*[:=]?\s*(\d{1,3}(?:\.\d+)?)%?\s*[,/ ]\s*(\d{1,3}(?:\.\d+)?)%?\s*[,/ ]\s*(\d{1,3}(?:\.\d+)?)%?\s*[,/ ]\s*(\d{1,3}(?:\.\d+)?)%?/gi;
  const cmykLetters = /\bC\s*[:=]?\s*(\d{1,3})%?\s*[,;/]?\s*M\s*[:=]?\s*(\d{1,3})%?\s*[,;/]?\s*Y\s*[:=]?\s*(\d{1,3})%?\s*[,;/]?\s*K\s*[:=]?\s*(\d{1,3})%?/g;
  for (const re of [cmykLabel, cmykLetters]) {
    while ((m = re.exec(line))) {
      const values = [pct(m[1]!), pct(m[2]!), pct(m[3]!), pct(m[4]!)];
      if (values.every((v) => v !== null)) add({ kind: 'cmyk', cmyk: values as [number, number, number, number], index: m.index }, m.index, m.index + m[0].length);
    }
  }
  const pantone = /\b(?:pantone|PMS)(?:\s+(?:coated|uncoated|solid))?\s*[:=]?\s*((?:\d{2,5}\s?[A-Z]{0,2}\b)|(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)*\s(?:C|U)\b))/gi;
  while ((m = pantone.exec(line))) add({ kind: 'pantone', pantone: `PANTONE ${m[1]!.trim()}`, index: m.index }, m.index, m.index + m[0].length);

  const prefixed = /(?:#|\b0x)([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-z])/gi;
  while ((m = prefixed.exec(line))) add({ kind: 'hex', hex: expandHex(m[1]!), index: m.index }, m.index, m.index + m[0].length);
  const labelled = /\b(?:hex|html|web|css|hexadecimal)\b\s*(?:code|value)?\s*[:=#]?\s*([0-9a-f]{6}|[0-9a-f]{3})(?![\w-])/gi;
  while ((m = labelled.exec(line))) {
    const start = m.index + m[0].length - m[1]!.length;
    add({ kind: 'hex', hex: expandHex(m[1]!), index: start }, start, start + m[1]!.length);
  }
  const bare = /(?<![\w#-])([0-9a-f]{6})(?![\w-])/gi;
  while ((m = bare.exec(line))) {
    const raw = m[1]!;
    // A lone mixed token ("C8102E") is a colour; letter-only words and digit-only IDs/dates are not.
    if (/\d/.test(raw) && /[a-f]/i.test(raw) && line.trim() === raw) {
      add({ kind: 'hex', hex: expandHex(raw), index: m.index }, m.index, m.index + raw.length);
    }
  }
  return tokens.sort((a, b) => a.index - b.index);
}
