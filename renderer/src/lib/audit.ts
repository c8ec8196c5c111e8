import type { AuditMeasured, ComplianceScore, MeasuredColor, Violation } from '../../../shared/schema';
import { SEVERITIES, type Severity } from '../../../shared/vocab/audit';
import { ROLE_GROUPS, type RoleGroup } from '../../../shared/vocab/colors';

/** Most severe first. */
export const SEVERITY_ORDER: Severity[] = [...SEVERITIES].reverse();
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
  roleShares: { group: RoleGroup; measured: number; target: number }[];
  targetSource: AuditMeasured['role_shares']['target_source'] | null;
  offPalette: MeasuredColor[];
  coverage: number | null;
}

/** The off-palette colours worth listing: the reported regions, else clearly foreign dominant colours. */
const FOREIGN_DELTA_E = 10;

/** What the report shows of the pixel audit's measurements (`ComplianceScore.measured`, typed in shared/). */
export function measuredEvidence(score: ComplianceScore | null | undefined): MeasuredEvidence {
  const m = score?.measured;
  if (!m) return { roleShares: [], targetSource: null, offPalette: [], coverage: null };
  const rs = m.role_shares;
  const roleShares = ROLE_GROUPS.map((group) => ({ group, measured: rs.measured[group], target: rs.target[group] })).filter((r) => r.measured > 0.0005 || r.target > 0);
  const foreign = m.off_palette_regions.length > 0 ? m.off_palette_regions : m.clusters.filter((c) => (c.delta_e ?? 0) > FOREIGN_DELTA_E);
  return { roleShares, targetSource: rs.target_source, offPalette: foreign.slice(0, 8), coverage: m.coverage.family };
}

export function scoreTone(score: number, approved: boolean): 'good' | 'warn' | 'bad' {
  if (approved) return 'good';
  return score >= 60 ? 'warn' : 'bad';
}
