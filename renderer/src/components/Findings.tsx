import { useState } from 'react';
import { CATEGORY_LABELS, SEVERITY_COLORS, type Finding } from '../lib/audit';
import type { CategoryScore } from '../../../shared/schema';
import { percent } from '../lib/format';
import { FINDING_SOURCES, type DismissReason } from '../../../shared/vocab/audit';

/** Violation boxes and findings, shared by the audit view and the generation job view. */
export type Reason = DismissReason;
export const REASONS: Record<Reason, string> = { not_applicable: 'Not applicable here', incorrect_assessment: 'Incorrect assessment' };
export const SOURCES = FINDING_SOURCES;
export const SOURCE_LABELS: Record<string, string> = { pixel: 'Measured', model: 'Gemini', user: 'Reviewer' };

export function Overlay({ finding, active, onActivate }: { finding: Finding; active: boolean; onActivate(id: string | null, pin: boolean): void }) {
  const r = finding.region!;
  return (
    <button
      type="button"
      className={`overlay-box${active ? ' active' : ''}${finding.status === 'dismissed' ? ' dismissed' : ''}`}
      style={{ left: percent(r.x, 2), top: percent(r.y, 2), width: percent(r.w, 2), height: percent(r.h, 2), ['--sev' as string]: SEVERITY_COLORS[finding.severity] }}
      aria-label={`${finding.severity} finding: ${finding.description}`}
      data-finding-id={finding.id}
      onMouseEnter={() => onActivate(finding.id, false)}
      onMouseLeave={() => onActivate(null, false)}
      onFocus={() => onActivate(finding.id, false)}
      onClick={() => onActivate(finding.id, true)}
    >
      <span className="overlay-tag">{finding.severity}</span>
    </button>
  );
}

export function FindingItem({ finding, active, busy, onActivate, onDismiss, onRestore }: {
  finding: Finding;
  active: boolean;
  busy: boolean;
  onActivate(id: string | null, pin: boolean): void;
  onDismiss(reason: Reason): void;
  onRestore(): void;
}) {
  const [reason, setReason] = useState<Reason>('not_applicable');
  const ev = finding.evidence ?? {};
  const hex = typeof ev['hex'] === 'string' ? ev['hex'] : null;
  const nearestHex = typeof ev['nearest_hex'] === 'string' ? ev['nearest_hex'] : null;
  const deltaE = typeof ev['delta_e'] === 'number' ? ev['delta_e'] : null;
  return (
    <li
      className={`finding${active ? ' active' : ''}${finding.status === 'dismissed' ? ' dismissed' : ''}`}
      id={`finding-${finding.id}`}
      data-finding-id={finding.id}
      onMouseEnter={() => finding.region && onActivate(finding.id, false)}
      onMouseLeave={() => onActivate(null, false)}
    >
      <div className="finding-head">
        <span className="sev-dot" style={{ background: SEVERITY_COLORS[finding.severity] }} aria-hidden="true" />
        <span className="sev-label">{finding.severity}</span>
        <span className="muted small">
          {CATEGORY_LABELS[finding.scoreCategory] ?? finding.scoreCategory} · {SOURCE_LABELS[finding.source] ?? finding.source}
          {finding.guideline_ref?.page ? ` · guideline p. ${finding.guideline_ref.page}` : ''}
        </span>
        {finding.status === 'dismissed' && <span className="badge inline">dismissed{finding.dismiss_reason ? ` — ${REASONS[finding.dismiss_reason]}` : ''}</span>}
      </div>
      <p className="finding-text">{finding.description}</p>
      {hex && (
        <p className="finding-evidence small">
          <span className="mini-swatch" style={{ background: hex }} aria-hidden="true" /> {hex}
          {nearestHex && (
            <>
              {' '}→ nearest <span className="mini-swatch" style={{ background: nearestHex }} aria-hidden="true" /> {String(ev['nearest'] ?? nearestHex)}
            </>
          )}
          {deltaE !== null && <> · ΔE {deltaE.toFixed(1)}</>}
        </p>
      )}
      {finding.fix_suggestion && <p className="muted small">Fix: {finding.fix_suggestion}</p>}
      {finding.guideline_ref?.instruction && <p className="muted small">Guideline: “{finding.guideline_ref.instruction}”</p>}
      <div className="finding-actions">
        {finding.region && (
          <button type="button" className="ghost small" onClick={() => onActivate(finding.id, true)}>
            Show on image
          </button>
        )}
        {finding.status === 'open' ? (
          <>
            <label className="sr-only" htmlFor={`reason-${finding.id}`}>
              Reason for dismissing
            </label>
            <select id={`reason-${finding.id}`} value={reason} onChange={(e) => setReason(e.target.value as Reason)} disabled={busy}>
              {Object.entries(REASONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <button type="button" className="secondary small" disabled={busy} onClick={() => onDismiss(reason)}>
              Dismiss
            </button>
          </>
        ) : (
          <button type="button" className="secondary small" disabled={busy} onClick={onRestore}>
            Restore
          </button>
        )}
      </div>
    </li>
  );
}

/** One bar per assessed category, coloured by whether it passed. */
export function CategoryScores({ categories }: { categories: readonly CategoryScore[] }) {
  return (
    <ul className="category-scores">
      {categories.map((c) => (
        <li key={c.category}>
          <span>{CATEGORY_LABELS[c.category] ?? c.category}</span>
          <div className="mini-bar" aria-hidden="true">
            <div className={`tone-${c.passed ? 'good' : c.score >= 60 ? 'warn' : 'bad'}`} style={{ width: `${c.score}%` }} />
          </div>
          <span className="mono">{Math.round(c.score)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Which finding is highlighted: hovering a box or finding shows it, clicking pins it
 * and scrolls its finding into view.
 */
export function useFindingFocus(): { active: string | null; activate(id: string | null, pin: boolean): void } {
  const [hover, setHover] = useState<string | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  return {
    active: hover ?? pinned,
    activate(id, pin) {
      if (pin) {
        setPinned(id);
        if (id) document.getElementById(`finding-${id}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      } else setHover(id);
    },
  };
}
