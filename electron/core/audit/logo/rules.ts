import type { BrandRule } from '../../../../shared/schema';

const PRESENCE = /\b(must|always|every|each|required|mandatory)\b[^.]*\b(appear|include|carry|show|feature|present|contain|use)|\b(include|carry|show|feature)\b[^.]*\blogo\b[^.]*\b(every|each|all)\b/i;

/** The rule that asks for the logo on every design, if the guidelines have one. */
export function presenceRule(rules: readonly BrandRule[]): BrandRule | null {
  return rules.find((r) => !r.negative_constraint && /\blogo/i.test(r.instruction) && PRESENCE.test(r.instruction)) ?? null;
}

