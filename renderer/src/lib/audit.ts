import type { ComplianceScore, Severity, Violation } from '../../../shared/schema';

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#d92d20',
  high: '#f04438',
  medium: '#f79009',
  low: '#2e90fa',
};

export const CATEGORY_LABELS: Record<string, string> = {
  colors: 'Colours',
  typography: 'Typography',
  layout: 'Layout',
  logo_usage: 'Logo usage',
};

export interface Finding extends Violation {
  /** The score category the finding is listed under. */
  scoreCategory: string;
}

export function findingsOf(score: ComplianceScore | null | undefined): Finding[] {
  if (!score) return [];
  return score.categories
    .flatMap((c) => c.violations.map((v) => ({ ...v, scoreCategory: c.category })))
    .sort((a, b) => Number(a.status === 'dismissed') - Number(b.status === 'dismissed') || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

export interface OverlayFilter {
  hiddenCategories: ReadonlySet<string>;
  hiddenSources: ReadonlySet<string>;
  showDismissed: boolean;
}

/** The findings drawn as boxes: those with a region, not filtered out. */
export function visibleOverlays(findings: readonly Finding[], filter: OverlayFilter): Finding[] {
  return findings.filter(
    (f) =>
      f.region &&
      f.region.w > 0 &&
      f.region.h > 0 &&
      !filter.hiddenCategories.has(f.scoreCategory) &&
      !filter.hiddenSources.has(f.source) &&
      (filter.showDismissed || f.status === 'open'),
  );
}

export interface MeasuredEvidence {
  roleShares: { group: string; measured: number; target: number }[];
  targetSource: string | null;
  offPalette: { hex: string; share: number; nearest: string | null; nearestHex: string | null; deltaE: number | null }[];
  coverage: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The pixel audit's `measured` record, read defensively (it is free-form JSON on the wire). */
export function measuredEvidence(score: ComplianceScore | null | undefined): MeasuredEvidence {
  const m = (score?.measured ?? {}) as Record<string, unknown>;
  const rs = (m['role_shares'] ?? {}) as { measured?: Record<string, unknown>; target?: Record<string, unknown>; target_source?: unknown };
  const groups = ['neutral', 'brand', 'accent', 'semantic'];
  const roleShares = groups
    .map((group) => ({ group, measured: num(rs.measured?.[group]) ?? 0, target: num(rs.target?.[group]) ?? 0 }))
    .filter((r) => r.measured > 0.0005 || r.target > 0);
  const regions = Array.isArray(m['off_palette_regions']) ? (m['off_palette_regions'] as Record<string, unknown>[]) : [];
  const clusters = Array.isArray(m['clusters']) ? (m['clusters'] as Record<string, unknown>[]) : [];
  const source = regions.length > 0 ? regions : clusters.filter((c) => (num(c['delta_e']) ?? 0) > 10);
  const offPalette = source
    .map((r) => ({ hex: str(r['hex']) ?? '#000000', share: num(r['share']) ?? 0, nearest: str(r['nearest']), nearestHex: str(r['nearest_hex']), deltaE: num(r['delta_e']) }))
    .slice(0, 8);
  const coverage = num((m['coverage'] as Record<string, unknown> | undefined)?.['family']);
  return { roleShares, targetSource: str(rs.target_source), offPalette, coverage };
}

export function scoreTone(score: number, approved: boolean): 'good' | 'warn' | 'bad' {
  if (approved) return 'good';
  return score >= 60 ? 'warn' : 'bad';
}
