import type { AuditRegime, LogoEvidence, PaletteDrift, RuleApplication, TextEvidence, TextRegion } from '../../../shared/schema/audit-evidence';
import type { CheckerboardReport } from './checkerboard';
import type { SourceInfo } from './decode';
import type { ForbiddenPairHit } from './forbidden-pairs';
import type { PixelMeasurements } from './measure';
import type { RuleHit } from './rule-checks';

/** WCAG contrast of one text line found from pixel structure (labelled when recognition ran). */
export type TextContrast = TextRegion;

/** Everything the pixel audit measured: `ComplianceScore.measured`. JSON-safe. */
export interface AuditMeasurements extends PixelMeasurements {
  source: SourceInfo;
  transparent_share: number;
  checkerboard: CheckerboardReport;
  /** Adjacency rules whose two colours touch. */
  forbidden_pairs: ForbiddenPairHit[];
  /** Flat artwork (exact colours) or photographic content (shading allowed), and how much of each. */
  regime: AuditRegime;
  /** Flat areas rendered as a brand colour's neighbour outside the exact tolerance. */
  drift: PaletteDrift[];
  drift_share: number;
  exact_flat_share: number;
  text: TextEvidence;
  /** Text-on-background, background and usage-share rules broken (adjacency hits are `forbidden_pairs`). */
  rule_hits: RuleHit[];
  /** How each colour rule was applied: checked within its scope, or left to the model. */
  rules: RuleApplication[];
  /** The brand's logo: found where, and what was measured about it. */
  logo: LogoEvidence;
}
