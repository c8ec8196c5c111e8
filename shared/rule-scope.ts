import type { BrandGuidelines, BrandRule, Color, RuleScope } from './schema';

/**
 * What a colour rule constrains, read from its wording: text in one colour
 * on another ("Never set Sage text on Cream"), two colours touching ("Never
 * place Lime next to Sky"), a colour as the background ("Do not use Olive for
 * backgrounds"), a colour's share of the layout ("Use Coral sparingly: no
 * more than 15 %") — or general. A rule that names palette colours but none
 * of these constraints is unclear: the pixel audit leaves it to the model
 * and it is listed for review.
 */

export interface RuleScopeReading {
  scope: RuleScope;
  /** Palette hexes in the order the rule names them (text_on_background: text first, then background). */
  colors: string[];
}

const TEXT = /\b(text|type|typography|typeface|copy|headlines?|headings?|lettering|fonts?|body|captions?|labels?|words?|wordmark|titles?)\b/i;
const BACKGROUND = /\b(as|for)\s+(an?\s+|the\s+)?backgrounds?\b|\bbackground\s+colou?rs?\b|\bbackgrounds?\b/i;
const ADJACENCY = /\b(next to|beside|adjacent|touch(es|ing)?|side by side|alongside|together|combin(e|ed|ing)|pair(ed|ing)?|on top of|place[ds]?|placing|put|against|near|meet)\b/i;
const SHARE = /%|\bper ?cent\b|\bsparingly\b|\bno more than\b|\bat most\b|\bmaximum\b|\bminimum\b|\bat least\b|\bdominat|\bproportions?\b|\bshare\b|\btoo much\b|\boveruse|\b60.?30.?10\b/i;
const NEGATIVE = /\b(never|don'?t|don’t|do not|avoid|no|not|must not|forbidden|prohibited)\b/i;
const ROLE_WORDS: Record<string, Color['usage']> = { primary: 'primary', secondary: 'secondary', accent: 'accent', neutral: 'neutral', semantic: 'semantic' };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where each palette colour is named (by name, hex or role word), in order of first mention. */
export function colourMentions(instruction: string, colors: readonly Pick<Color, 'name' | 'hex' | 'usage'>[]): { hex: string; at: number }[] {
  const text = instruction.toLowerCase();
  const found = new Map<string, number>();
  const note = (hex: string, at: number) => {
    if (at >= 0 && (!found.has(hex) || found.get(hex)! > at)) found.set(hex, at);
  };
  for (const c of colors) {
    note(c.hex, text.indexOf(c.hex.toLowerCase()));
    const name = c.name.trim().toLowerCase();
    if (name.length >= 3) {
      const m = new RegExp(`\\b${escape(name)}\\b`).exec(text);
      if (m) note(c.hex, m.index);
    }
  }
  // "accent colours", "the primary colour": every palette colour of that role.
  for (const m of text.matchAll(/\b(primary|secondary|accent|neutral|semantic)\s+colou?rs?\b/g)) {
    for (const c of colors) if (c.usage === ROLE_WORDS[m[1]!]) note(c.hex, m.index);
  }
  return [...found.entries()].map(([hex, at]) => ({ hex, at })).sort((a, b) => a.at - b.at);
}

export function inferRuleScope(rule: Pick<BrandRule, 'instruction'>, colors: readonly Pick<Color, 'name' | 'hex' | 'usage'>[]): RuleScopeReading {
  const text = rule.instruction;
  const mentions = colourMentions(text, colors);
  const hexes = mentions.map((m) => m.hex);
  if (mentions.length === 0) return { scope: 'general', colors: [] };
  if (TEXT.test(text)) {
    // The colour named before "on/over/against" is the text's, the one after it the background's.
    const on = /\b(on|over|against|onto)\b/i.exec(text);
    if (on && mentions.length >= 2) {
      const before = mentions.filter((m) => m.at < on.index);
      const after = mentions.filter((m) => m.at > on.index);
      if (before.length >= 1 && after.length >= 1) return { scope: 'text_on_background', colors: [before[0]!.hex, after[0]!.hex] };
    }
    if (mentions.length === 1) return { scope: 'text_on_background', colors: hexes };
  }
  if (BACKGROUND.test(text)) {
    // "Coral on a Sky background" is about Coral touching Sky, not about what the background is.
    const on = /\b(on|over|against|onto)\b/i.exec(text);
    if (on && mentions.length >= 2 && mentions[0]!.at < on.index && mentions[1]!.at > on.index) return { scope: 'adjacency', colors: hexes.slice(0, 2) };
    return { scope: 'background', colors: hexes };
  }
  if (SHARE.test(text)) return { scope: 'usage_share', colors: hexes };
  if (ADJACENCY.test(text) && mentions.length >= 2) return { scope: 'adjacency', colors: hexes.slice(0, 2) };
  return { scope: 'general', colors: hexes };
}

/** The scope a rule is checked with: as recorded, else read from its wording. */
export function ruleScopeOf(rule: BrandRule, colors: readonly Pick<Color, 'name' | 'hex' | 'usage'>[]): RuleScopeReading {
  if (rule.scope) return { scope: rule.scope, colors: rule.colors ?? inferRuleScope(rule, colors).colors };
  return inferRuleScope(rule, colors);
}

export function isNegativeRule(rule: Pick<BrandRule, 'instruction' | 'negative_constraint'>): boolean {
  return rule.negative_constraint || NEGATIVE.test(rule.instruction);
}

/** A rule that names palette colours but constrains them in no way the pixels can check. */
export function isUnclearColourRule(reading: RuleScopeReading): boolean {
  return reading.scope === 'general' && reading.colors.length > 0;
}

/** "no more than 15 %" → 0.15; null when the rule states no number. */
export function shareLimitOf(instruction: string): number | null {
  const m = /(\d+(?:[.,]\d+)?)\s*(%|per ?cent)/i.exec(instruction);
  if (!m) return null;
  const v = Number(m[1]!.replace(',', '.')) / 100;
  return v > 0 && v <= 1 ? v : null;
}

/** Record scope and colours on every rule that has none (extraction, import). */
export function withRuleScopes(guidelines: BrandGuidelines): BrandGuidelines {
  let changed = false;
  const rules = guidelines.rules.map((rule) => {
    if (rule.scope) return rule;
    changed = true;
    const { scope, colors } = inferRuleScope(rule, guidelines.colors);
    return { ...rule, scope, colors };
  });
  return changed ? { ...guidelines, rules } : guidelines;
}

/** Review notes for colour rules whose scope is unclear (they go to the model audit, not the pixel checks). */
export function unclearRuleNotes(guidelines: BrandGuidelines): string[] {
  const names = new Map(guidelines.colors.map((c) => [c.hex, c.name]));
  return guidelines.rules.flatMap((rule) => {
    const reading = ruleScopeOf(rule, guidelines.colors);
    if (!isUnclearColourRule(reading)) return [];
    const named = reading.colors.map((h) => names.get(h) ?? h).join(' and ');
    return [`The rule “${rule.instruction}” names ${named} but not what it constrains (text on a background, colours touching, the background, or a share of the layout); the measured audit leaves it to the model. Set its scope if it should be checked from pixels.`];
  });
}
