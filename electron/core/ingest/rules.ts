import type { BrandRule, LogoRule, Provenance, VoiceTone } from '../../../shared/schema';
import type { PageText } from './colors';
import { parseColorTokens } from './color-notation';
import type { TextLine } from './text-lines';

const NEGATIVE = /^(?:[✗✕✖×]\s*)?(?:don'?t|don’t|do not|never|avoid|no\b|must not|should not|shouldn'?t|shouldn’t|cannot|can'?t)|\b(?:don'?t|don’t|do not|never|avoid|must not|should not|shouldn'?t|shouldn’t|may not|is not allowed|not permitted)\b/i;
const POSITIVE = /^(?:[✓✔]\s*)?(?:do\b|always|use|keep|maintain|ensure|must|should|prefer)|\b(?:always|must|should be|should use|is preferred|are preferred|give priority)\b/i;
const VERBAL = /\b(words?|terms?|terminology|tone|voice|copy|writing|write|spell|spelling|name of the company|phrases?|language|exclamation|capitali[sz]|all-caps|camel-?case|grammar)\b/i;
const LEGAL = /\b(trademark|legal|copyright|licen[cs]e|registered|©|®|™|disclaimer|compliance)\b/i;
const MISUSE_PAGE = /\b(don'?ts?|don’ts?|misuse|incorrect|what not to do|avoid)\b/i;

const sentenceOf = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/^[•\-–—*✓✔✗✕✖×]\s*/, '');

/** Sentences from a page's lines, joining wrapped lines of one paragraph. */
function paragraphs(lines: TextLine[]): { text: string; line: TextLine }[] {
  const out: { text: string; line: TextLine }[] = [];
  const sorted = [...lines].sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y);
  let current: { text: string; line: TextLine; last: TextLine } | null = null;
  for (const line of sorted) {
    const continues =
      current &&
      Math.abs(line.box.x - current.last.box.x) < 0.01 &&
      line.box.y - (current.last.box.y + current.last.box.h) < current.last.box.h * 0.9 &&
      Math.abs(line.size - current.last.size) < 0.5 &&
      !/[.!?:]$/.test(current.last.text);
    if (current && continues) {
      current.text += ` ${line.text}`;
      current.last = line;
    } else {
      if (current) out.push({ text: current.text, line: current.line });
      current = { text: line.text, line, last: line };
    }
  }
  if (current) out.push({ text: current.text, line: current.line });
  return out.flatMap((p) =>
    p.text
      .split(/(?<=[.!?])\s+(?=[A-Z“"'‘])/)
      .map((s) => ({ text: sentenceOf(s), line: p.line }))
      .filter((s) => s.text.length >= 4),
  );
}

function provenance(line: TextLine): Provenance[] {
  return [{ page: line.page, bbox: line.box, source: 'text' }];
}

export function extractRules(pages: PageText[]): BrandRule[] {
  const rules: BrandRule[] = [];
  const seen = new Set<string>();
  const push = (rule: BrandRule) => {
    const key = rule.instruction.toLowerCase();
    if (seen.has(key) || rule.instruction.length > 400) return;
    seen.add(key);
    rules.push(rule);
  };
  const bodySize = median(pages.flatMap((p) => p.lines.map((l) => l.size)));
  for (const pageText of pages) {
    const title = pageText.headings[0]?.text ?? '';
    const misusePage = MISUSE_PAGE.test(title);
    for (const { text, line } of paragraphs(pageText.lines)) {
      if (line.size > bodySize * 1.3) continue; // headings are not rules
      const category = LEGAL.test(text) ? 'legal' : VERBAL.test(text) ? 'verbal' : 'visual';
      const negative = NEGATIVE.test(text);
      // Captions on a misuse page are don'ts even when written as a bare action ("Rotate or flip.").
      const caption = misusePage && line.size < bodySize && text.length <= 160;
      if (negative || caption) {
        const instruction = caption && !negative ? `Don't: ${text}` : text;
        push({ category, instruction, severity: /\bnever|must not|do not\b/i.test(text) ? 'critical' : 'warning', negative_constraint: true, provenance: provenance(line) });
      } else if (POSITIVE.test(text) && text.split(' ').length >= 3) {
        push({ category, instruction: text, severity: /\b(must|always)\b/i.test(text) ? 'critical' : 'warning', negative_constraint: false, provenance: provenance(line) });
      }
    }
  }
  return rules;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 10;
}

const PX_PER_MM = 96 / 25.4;
const FRACTIONS: Record<string, number> = { '½': 0.5, '⅓': 1 / 3, '⅔': 2 / 3, '¼': 0.25, '¾': 0.75, half: 0.5, quarter: 0.25, third: 1 / 3, double: 2, twice: 2 };

function clearSpaceRatio(text: string): number | null {
  if (!/\b(clear ?space|exclusion zone|safe (?:area|zone|margin)|breathing room|free space|padding|margin)\b/i.test(text)) return null;
  let m = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if (m) return Number(m[1]) / 100;
  m = /\b(\d+)\s*\/\s*(\d+)\b/.exec(text);
  if (m && Number(m[2]) > 0) return Number(m[1]) / Number(m[2]);
  m = /([½⅓⅔¼¾])|\b(half|quarter|third|double|twice)\b/i.exec(text);
  if (m) return FRACTIONS[(m[1] ?? m[2]!).toLowerCase()] ?? null;
  m = /\b(\d+(?:\.\d+)?)\s*(?:x|×|times)\b/i.exec(text);
  if (m) return Number(m[1]);
  return null;
}

function minWidthPx(text: string): number | null {
  const values: number[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(px|pixels?|mm|millimet(?:er|re)s?|in|inch(?:es)?|")(?![a-z])/gi)) {
    const v = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    values.push(unit.startsWith('px') || unit.startsWith('pixel') ? v : unit.startsWith('m') ? v * PX_PER_MM : v * 96);
  }
  const px = values.filter((v) => v > 0);
  return px.length > 0 ? Math.round(Math.min(...px)) : null;
}

export function extractLogoRules(pages: PageText[]): LogoRule[] {
  let minPx: number | null = null;
  let ratio: number | null = null;
  const forbidden = new Set<string>();
  const prov: Provenance[] = [];
  for (const pageText of pages) {
    const title = pageText.headings[0]?.text ?? '';
    const minPage = /\bmin(?:imum)?\.?\s*(size|width)/i.test(title);
    for (const { text, line } of paragraphs(pageText.lines)) {
      const r = clearSpaceRatio(text);
      if (r !== null && r > 0 && r <= 10 && ratio === null) {
        ratio = Math.round(r * 1000) / 1000;
        prov.push(...provenance(line));
      }
      if (minPage || /\bmin(?:imum)?\.?\s*(size|width)|at least|no smaller than/i.test(text)) {
        const px = minWidthPx(text);
        // px values are what the app measures; prefer them over print sizes on the same page.
        if (px !== null && (minPx === null || (/px/i.test(text) && px < minPx))) {
          minPx = px;
          prov.push(...provenance(line));
        }
      }
      if (NEGATIVE.test(text) && /\bbackgrounds?\b/i.test(text)) {
        for (const t of parseColorTokens(text)) if (t.hex) forbidden.add(t.hex);
      }
    }
  }
  if (minPx === null && ratio === null && forbidden.size === 0) return [];
  return [{ variant_name: 'primary', url: '', min_width_px: minPx ?? 0, clear_space_ratio: ratio ?? 0, forbidden_backgrounds: [...forbidden], provenance: prov.slice(0, 5), verified: true, confidence: 1 }];
}

/** Voice only from what the document states; null when it says nothing. */
export function extractVoice(pages: PageText[]): VoiceTone | null {
  const forbidden = new Set<string>();
  const adjectives = new Set<string>();
  for (const pageText of pages) {
    for (const { text } of paragraphs(pageText.lines)) {
      for (const m of text.matchAll(/\b(?:never|don'?t|do not|avoid)\s+(?:use|say|write)\s+(?:the\s+)?(?:words?|terms?|phrases?)\s+[“"'‘]([^”"'’]{1,40})[”"'’]/gi)) forbidden.add(m[1]!.trim());
      const tone = /^(?:our\s+)?(?:tone(?: of voice)?|voice|personality)\s*(?:is|:)\s*(.+)$/i.exec(text);
      if (tone) {
        for (const w of tone[1]!.split(/,|\band\b/)) {
          const word = w.replace(/[.!]/g, '').trim();
          if (word && word.split(' ').length <= 2) adjectives.add(word.toLowerCase());
        }
      }
    }
  }
  if (forbidden.size === 0 && adjectives.size === 0) return null;
  return { adjectives: [...adjectives], forbidden_words: [...forbidden], example_phrases: [] };
}
