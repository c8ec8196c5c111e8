import { hexToLab } from '../../../shared/color';
import { isNegativeRule, isUnclearColourRule, ruleScopeOf, shareLimitOf } from '../../../shared/rule-scope';
import type { BrandGuidelines, NormalizedBox, RuleScope } from '../../../shared/schema';
import type { RuleApplication, TextRegion } from '../../../shared/schema/audit-evidence';
import type { ForbiddenPair } from './forbidden-pairs';
import type { BackgroundColor, ColorShare } from './measure';
import { NearestPaletteSearch } from './nearest-palette';
import type { PaletteEntry } from './palette';

/**
 * Colour rules applied only within their scope (shared/rule-scope.ts): a text
 * rule on the text lines found from structure, an adjacency rule on touching
 * areas, a background rule on the background, a share rule on the colour's
 * share. Rules whose scope is unclear are left to the model audit.
 */

export interface RuleHit {
  scope: Exclude<RuleScope, 'general' | 'adjacency'>;
  instruction: string;
  severity: 'warning' | 'critical';
  page: number | null;
  colors: string[];
  hexes: string[];
  box: NormalizedBox | null;
  /** What was measured against the rule (a contrast-free description for the report). */
  detail: string;
}

export interface ScopedRules {
  /** Adjacency rules as palette index pairs, for forbidden-pairs.ts. */
  pairs: ForbiddenPair[];
  applications: RuleApplication[];
  text: { rule: BrandGuidelines['rules'][number]; text: number; background: number | null }[];
  background: { rule: BrandGuidelines['rules'][number]; colors: number[] }[];
  share: { rule: BrandGuidelines['rules'][number]; colors: number[]; limit: number }[];
}

export function scopedRules(guidelines: Pick<BrandGuidelines, 'colors' | 'rules'>, palette: readonly PaletteEntry[]): ScopedRules {
  const out: ScopedRules = { pairs: [], applications: [], text: [], background: [], share: [] };
  const indexOf = (hex: string) => palette.findIndex((p) => p.hex === hex);
  const names = (hexes: readonly string[]) => hexes.map((h) => palette[indexOf(h)]?.name ?? h);
  for (const rule of guidelines.rules) {
    const reading = ruleScopeOf(rule, guidelines.colors);
    if (reading.colors.length === 0) continue; // not a colour rule
    const colors = reading.colors.map(indexOf).filter((k) => k >= 0);
    const page = rule.provenance[0]?.page ?? null;
    const apply = (applied: RuleApplication['applied'], note: string | null) =>
      out.applications.push({ instruction: rule.instruction, scope: reading.scope, colors: names(reading.colors), applied, note });
    if (isUnclearColourRule(reading)) {
      apply('model', 'The rule names colours but not what it constrains; left to the model audit.');
      continue;
    }
    const negative = isNegativeRule(rule);
    switch (reading.scope) {
      case 'adjacency':
        if (!negative || colors.length < 2) {
          apply('model', 'Guidance about colours together; not a measurable prohibition.');
          break;
        }
        out.pairs.push({ a: colors[0]!, b: colors[1]!, instruction: rule.instruction, severity: rule.severity, page });
        apply('checked', 'Checked where the two colours touch.');
        break;
      case 'text_on_background':
        if (!negative || colors.length < 1) {
          apply('model', 'Guidance for text colours; not a measurable prohibition.');
          break;
        }
        out.text.push({ rule, text: colors[0]!, background: colors[1] ?? null });
        apply('checked', 'Checked on the text lines found in the image.');
        break;
      case 'background':
        if (!negative) {
          apply('model', 'Guidance for backgrounds; not a measurable prohibition.');
          break;
        }
        out.background.push({ rule, colors });
        apply('checked', 'Checked against the colour of the background.');
        break;
      case 'usage_share': {
        const limit = shareLimitOf(rule.instruction);
        if (limit === null) {
          apply('model', 'No share is stated; role balance covers it.');
          break;
        }
        out.share.push({ rule, colors, limit });
        apply('checked', `Checked against a share of ${Math.round(limit * 100)} %.`);
        break;
      }
      default:
        apply('model', null);
    }
  }
  return out;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Rules broken within their scope (text, background, share); adjacency is measured by forbidden-pairs.ts. */
export function checkScopedRules(
  rules: ScopedRules,
  palette: readonly PaletteEntry[],
  measured: { texts: readonly TextRegion[]; background: BackgroundColor; colors: readonly ColorShare[]; familyTolerance: number },
): RuleHit[] {
  const hits: RuleHit[] = [];
  const search = new NearestPaletteSearch(palette);
  const paletteIndex = (hex: string): number => {
    const k = search.nearest(hexToLab(hex));
    return k >= 0 && search.distance <= measured.familyTolerance ? k : -1;
  };
  const base = (rule: ScopedRules['text'][number]['rule']) => ({ instruction: rule.instruction, severity: rule.severity, page: rule.provenance[0]?.page ?? null });
  for (const t of rules.text) {
    for (const region of measured.texts) {
      if (paletteIndex(region.foreground) !== t.text) continue;
      if (t.background !== null && paletteIndex(region.background) !== t.background) continue;
      const fg = palette[t.text]!;
      const bg = t.background !== null ? palette[t.background]! : null;
      hits.push({
        scope: 'text_on_background',
        ...base(t.rule),
        colors: bg ? [fg.name, bg.name] : [fg.name],
        hexes: bg ? [fg.hex, bg.hex] : [fg.hex],
        box: region.box,
        detail: `Text${region.label ? ` "${region.label}"` : ''} is set in ${fg.name}${bg ? ` on ${bg.name}` : ` (on ${region.background})`}.`,
      });
    }
  }
  const bgIndex = measured.background.hex ? palette.findIndex((p) => p.hex === measured.background.hex) : -1;
  for (const b of rules.background) {
    if (bgIndex < 0 || !b.colors.includes(bgIndex)) continue;
    const p = palette[bgIndex]!;
    hits.push({
      scope: 'background',
      ...base(b.rule),
      colors: [p.name],
      hexes: [p.hex],
      box: { x: 0, y: 0, w: 1, h: 1 },
      detail: `${p.name} is the background (${pct(measured.background.border_share)} of the image edges).`,
    });
  }
  for (const s of rules.share) {
    const share = s.colors.reduce((sum, k) => sum + (measured.colors[k]?.share_family ?? 0), 0);
    // A rule states a round number; two points of slack keep anti-aliasing and compression from deciding it.
    if (share <= s.limit + 0.02) continue;
    hits.push({
      scope: 'usage_share',
      ...base(s.rule),
      colors: s.colors.map((k) => palette[k]!.name),
      hexes: s.colors.map((k) => palette[k]!.hex),
      box: null,
      detail: `${s.colors.map((k) => palette[k]!.name).join(' and ')} cover${s.colors.length === 1 ? 's' : ''} ${pct(share)} of the image; the rule allows ${pct(s.limit)}.`,
    });
  }
  return hits;
}
