import type { NormalizedBox } from '../../../shared/schema';
import type { CheckerboardReport } from './checkerboard';
import type { SourceInfo } from './decode';
import type { ForbiddenPairHit } from './forbidden-pairs';
import type { PixelMeasurements } from './measure';

/** WCAG contrast of one OCR'd text run against its local background. */
export interface TextContrast {
  text: string;
  box: NormalizedBox;
  ratio: number;
  required: number;
  large_text: boolean;
  foreground: string;
  background: string;
  confidence: number;
  /** WCAG 1.4.3 exceptions: logotypes and incidental text have no contrast requirement. */
  exempt: 'logotype' | 'incidental' | null;
}

/** Everything the pixel audit measured: `ComplianceScore.measured`. JSON-safe. */
export interface AuditMeasurements extends PixelMeasurements {
  source: SourceInfo;
  transparent_share: number;
  checkerboard: CheckerboardReport;
  forbidden_pairs: ForbiddenPairHit[];
  text: { status: 'measured' | 'skipped' | 'failed'; regions: TextContrast[]; note?: string };
}
