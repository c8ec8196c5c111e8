import { z } from 'zod';
import { AuditRegime, BlockingCondition, PaletteDrift, TextRegion } from '../../../../shared/schema/audit-evidence';
import type { ComplianceScore } from '../../../../shared/schema';

/**
 * What the audit view shows about how a decision was reached: the regime the
 * colours were judged under, the blocking conditions, text lines with their
 * contrast and palette drift. `measured` is free-form JSON on the wire (older
 * audits lack these fields), so each part is validated on its own and missing
 * parts are simply absent.
 */
export interface DecisionEvidence {
  regime: AuditRegime | null;
  blocking: BlockingCondition[];
  texts: TextRegion[];
  drift: PaletteDrift[];
  /** Colour rules left to the model (scope unclear or not measurable). */
  rulesForModel: string[];
}

const RuleApplications = z.array(z.object({ instruction: z.string(), applied: z.string() }).loose());

export function decisionEvidence(score: ComplianceScore | null | undefined): DecisionEvidence {
  const m = (score?.measured ?? {}) as Record<string, unknown>;
  const text = z.object({ regions: z.array(TextRegion) }).loose().safeParse(m['text']);
  const rules = RuleApplications.safeParse(m['rules']);
  return {
    regime: AuditRegime.safeParse(m['regime']).data ?? null,
    blocking: z.array(BlockingCondition).safeParse(score?.blocking ?? []).data ?? [],
    texts: text.success ? text.data.regions : [],
    drift: z.array(PaletteDrift).safeParse(m['drift']).data ?? [],
    rulesForModel: rules.success ? rules.data.filter((r) => r.applied === 'model').map((r) => r.instruction) : [],
  };
}

export const REGIME_LABELS: Record<AuditRegime['kind'], string> = {
  flat: 'Flat artwork',
  photographic: 'Photographic',
  mixed: 'Flat artwork + photographic areas',
};

export const BLOCKING_LABELS: Record<BlockingCondition['code'], string> = {
  palette_drift: 'Palette drift',
  off_palette_area: 'Off-palette area',
  accent_dominance: 'Accent dominates',
  accent_background: 'Accent as background',
  text_contrast: 'Unreadable text',
  logo_missing: 'Logo missing',
  logo_size: 'Logo too small',
  logo_clear_space: 'Logo crowded',
  logo_background: 'Logo on a wrong background',
  logo_distorted: 'Logo distorted',
  logo_recoloured: 'Logo recoloured',
};
