// Plain audit vocabulary (no zod).

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const COMPLIANCE_CATEGORIES = ['colors', 'typography', 'layout', 'logo_usage'] as const;
export type ComplianceCategory = (typeof COMPLIANCE_CATEGORIES)[number];

export const FINDING_SOURCES = ['pixel', 'model', 'user'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const DISMISS_REASONS = ['incorrect_assessment', 'not_applicable'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
