import type { AssetHistory, ComplianceScore, HistoryEvent, LibraryItem, LineageStep, Violation } from '../../../shared/schema';
import { summariseChange, type GuidelinesForDiff } from '../../../shared/library/what-changed';
import type { AuditRecord, LibraryRecord, Store } from '../store';
import { readState, type GenerationState } from '../workflow/state';

/** How the library addresses a stored file (the asset protocol in Electron, a token URL in the bridge). */
export type FileUrl = (sha256: string, ext: string) => string;

export function toLibraryItem(record: LibraryRecord, fileUrl: FileUrl): LibraryItem {
  return {
    asset_id: record.asset_id,
    brand_id: record.brand_id,
    brand_name: record.brand_name,
    job_id: record.job_id,
    origin: record.origin,
    status: record.status,
    stale: record.stale,
    score: record.score,
    audited_version: record.audited_version,
    current_version: record.current_version,
    prompt: record.prompt,
    source_name: record.source_name,
    mime: record.mime,
    width: record.width,
    height: record.height,
    sha256: record.sha256,
    cost: { tokens: record.cost_tokens, usd: record.cost_usd },
    created_at: record.created_at,
    image_url: fileUrl(record.sha256, record.file_ext),
    thumb_url: record.thumb_sha256 && record.thumb_ext ? fileUrl(record.thumb_sha256, record.thumb_ext) : null,
  };
}

const REASONS: Record<string, string> = { not_applicable: 'not applicable here', incorrect_assessment: 'incorrect assessment' };

function verdict(score: ComplianceScore): string {
  return `${score.approved ? 'approved' : 'not approved'}, ${Math.round(score.overall_score * 10) / 10}/100${score.partial ? ' (partial)' : ''}`;
}

function statusById(score: ComplianceScore): Map<string, Violation> {
  return new Map(score.categories.flatMap((c) => c.violations.map((v) => [v.id, v] as const)));
}

/**
 * An audit that differs from the one before only in one finding's status is a
 * reviewer's dismissal or restore (both the asset screen and the job review
 * store one that way); anything else is the audit pipeline at work.
 */
function classify(previous: AuditRecord | undefined, current: AuditRecord): { kind: 'dismiss' | 'restore'; finding: Violation } | null {
  if (!previous || previous.brand_version !== current.brand_version) return null;
  const before = statusById(previous.compliance);
  const after = statusById(current.compliance);
  if (before.size !== after.size) return null;
  let flipped: Violation | null = null;
  for (const [id, v] of after) {
    const old = before.get(id);
    if (!old) return null;
    if (old.status !== v.status) {
      if (flipped) return null;
      flipped = v;
    }
  }
  return flipped ? { kind: flipped.status === 'dismissed' ? 'dismiss' : 'restore', finding: flipped } : null;
}

function shortText(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Guidelines of each version of a brand, read once, for "what changed" between audits. */
export function versionGuidelines(store: Store, brandId: string): Map<number, GuidelinesForDiff> {
  return new Map(store.brands.listVersions(brandId).map((v) => [v.version, v.guidelines]));
}

export function auditEvents(audits: readonly AuditRecord[], guidelines: Map<number, GuidelinesForDiff>): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  audits.forEach((audit, i) => {
    const previous = audits[i - 1];
    const base = { at: audit.created_at, audit_id: audit.audit_id, brand_version: audit.brand_version, score: audit.compliance.overall_score, approved: audit.compliance.approved };
    const flip = classify(previous, audit);
    if (flip) {
      events.push({
        ...base,
        kind: flip.kind,
        by: 'reviewer',
        reason: flip.finding.dismiss_reason ?? null,
        summary:
          flip.kind === 'dismiss'
            ? `Dismissed “${shortText(flip.finding.description)}” (${REASONS[flip.finding.dismiss_reason ?? ''] ?? 'no reason'}) → ${verdict(audit.compliance)}`
            : `Restored “${shortText(flip.finding.description)}” → ${verdict(audit.compliance)}`,
        changes: null,
      });
      return;
    }
    const changes = previous
      ? summariseChange(
          { score: previous.compliance, version: previous.brand_version, guidelines: guidelines.get(previous.brand_version) ?? null },
          { score: audit.compliance, version: audit.brand_version, guidelines: guidelines.get(audit.brand_version) ?? null },
        )
      : null;
    events.push({
      ...base,
      kind: previous ? 'reaudit' : 'audit',
      by: 'audit',
      reason: null,
      summary: `${previous ? 'Re-audited' : 'Audited'} against v${audit.brand_version}: ${verdict(audit.compliance)}`,
      changes,
    });
  });
  return events;
}

function reviewEvents(state: GenerationState | null, assetId: string): HistoryEvent[] {
  if (!state) return [];
  return state.reviews.flatMap((r): HistoryEvent[] => {
    if (r.asset_id !== assetId) return [];
    const common = { at: r.at, by: 'reviewer' as const, audit_id: null, brand_version: null, score: r.overall_score, approved: null, reason: null, changes: null };
    switch (r.action) {
      case 'approve':
        return [{ ...common, kind: r.override ? 'override' : 'approve', summary: r.override ? `Approved by a reviewer although the audit had not (score ${Math.round(r.overall_score ?? 0)})` : 'Approved by a reviewer' }];
      case 'reject':
        return [{ ...common, kind: 'reject', summary: 'Rejected by a reviewer' }];
      case 'tweak':
        return [{ ...common, kind: 'tweak', summary: `Tweak requested: “${shortText(r.instruction ?? '')}”`, reason: r.instruction }];
      default:
        // Dismissals and restores are read from the audits they stored.
        return [];
    }
  });
}

function createdEvent(record: LibraryRecord, state: GenerationState | null): HistoryEvent {
  const attempt = state?.attempts.find((a) => a.asset_id === record.asset_id);
  let summary: string;
  let by: HistoryEvent['by'] = 'system';
  if (record.origin === 'imported') summary = `Imported${record.source_name ? ` from ${record.source_name}` : ''}`;
  else if (!attempt) summary = 'Generated';
  else if (attempt.kind === 'generate') summary = `Generated (attempt ${attempt.attempt}${attempt.round > 1 ? `, round ${attempt.round}` : ''})`;
  else if (attempt.kind === 'correct') summary = `Corrected automatically (attempt ${attempt.attempt}): ${shortText(attempt.instruction ?? '', 140)}`;
  else {
    summary = `Tweaked at a reviewer's request (attempt ${attempt.attempt}): “${shortText(attempt.instruction ?? '')}”`;
    by = 'reviewer';
  }
  return { at: record.created_at, kind: 'created', by, summary, audit_id: null, brand_version: null, score: null, approved: null, reason: null, changes: null };
}

/**
 * An asset's full story: the chain of images its job made (attempts,
 * corrections, tweaks), every audit it ever had with what changed between
 * them, and every decision — by the audit, the correction loop or a reviewer.
 */
export function assetHistory(store: Store, assetId: string, fileUrl: FileUrl): AssetHistory {
  const asset = store.assets.require(assetId);
  const [record] = store.library.records([assetId]);
  if (!record) throw new Error(`Library entry missing for ${assetId}`);
  const job = asset.job_id ? store.jobs.get(asset.job_id) : null;
  const state = job ? readState(job) : null;

  const lineageIds = state ? state.attempts.map((a) => a.asset_id) : [assetId];
  const records = new Map(store.library.records(lineageIds).map((r) => [r.asset_id, r]));
  const lineage: LineageStep[] = lineageIds.flatMap((id): LineageStep[] => {
    const r = records.get(id);
    if (!r) return [];
    const attempt = state?.attempts.find((a) => a.asset_id === id);
    return [
      {
        asset_id: id,
        kind: attempt?.kind ?? 'imported',
        attempt: attempt?.attempt ?? null,
        round: attempt?.round ?? null,
        instruction: attempt?.instruction ?? null,
        score: r.score,
        status: r.status,
        created_at: r.created_at,
        thumb_url: r.thumb_sha256 && r.thumb_ext ? fileUrl(r.thumb_sha256, r.thumb_ext) : null,
        current: id === assetId,
      },
    ];
  });

  const audits = [...store.audits.listForAsset(assetId)].reverse();
  const events = [createdEvent(record, state), ...auditEvents(audits, versionGuidelines(store, asset.brand_id)), ...reviewEvents(state, assetId)].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  return {
    item: toLibraryItem(record, fileUrl),
    lineage,
    events,
    job: job && state ? { job_id: job.job_id, status: job.status, prompt: state.prompt, cost: state.cost } : null,
  };
}
