import { useState } from 'react';
import type { ChangeSummary, HistoryEvent } from '../../../../shared/schema';
import { LIBRARY_STATUS_LABELS } from '../../../../shared/vocab/library';
import { ErrorNote, LoadStatus } from '../../components/ui';
import { mobius, unwrap } from '../../ipc/client';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { useStatus } from '../../stores/status';
import { ExportPanel, ReauditPanel } from './BatchPanels';
import { STATUS_TONE } from './status';
import './library.css';

const BY_LABEL: Record<HistoryEvent['by'], string> = { audit: 'Audit', reviewer: 'Reviewer', system: 'Mobius' };
const KIND_LABEL: Record<string, string> = { generate: 'Generated', correct: 'Correction', tweak: 'Tweak', imported: 'Imported' };

function Changes({ changes }: { changes: ChangeSummary }) {
  // The headline already names the change that explains the decision.
  const more = changes.guideline_changes.filter((c) => !changes.headline.endsWith(c));
  return (
    <div className={`change-summary${changes.decision_changed ? ' decisive' : ''}`}>
      <p>{changes.headline}</p>
      {more.length > 0 && (
        <ul className="small">
          {more.slice(0, 6).map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {changes.new_findings.length > 0 && (
        <p className="small">
          New: {changes.new_findings.slice(0, 3).map((f) => f.description).join(' · ')}
          {changes.new_findings.length > 3 ? ` (+${changes.new_findings.length - 3})` : ''}
        </p>
      )}
      {changes.resolved_findings.length > 0 && <p className="small muted">Resolved: {changes.resolved_findings.slice(0, 3).map((f) => f.description).join(' · ')}</p>}
    </div>
  );
}

/**
 * One asset's story: the image, its lineage (every attempt, correction and
 * tweak of its job), every audit it had with what changed between them, and
 * who or what decided. Exports, re-audits and templates start from here.
 */
export function HistoryScreen({ assetId }: { assetId: string }) {
  const notify = useStatus((s) => s.notify);
  const load = useLoad(() => unwrap(mobius().library.history({ asset_id: assetId })), [assetId]);
  const [panel, setPanel] = useState<'export' | 'reaudit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(setError);
  const history = load.data;
  if (!history) {
    return (
      <div className="screen">
        <LoadStatus load={load} label="Loading history" />
      </div>
    );
  }
  const { item } = history;
  const title = item.prompt ?? item.source_name ?? 'Untitled image';
  const approved = item.status === 'approved' || item.status === 'override';

  const saveTemplate = () =>
    run(async () => {
      const template = await unwrap(mobius().templates.save({ asset_id: item.asset_id }));
      notify(`Saved template “${template.name}”`);
    });

  return (
    <div className="screen history-screen">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/library">Library</a> <span aria-hidden="true">/</span> <a href={`#/library/${encodeURIComponent(item.brand_id)}`}>{item.brand_name}</a>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">History</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1 className="history-title">{title}</h1>
          <p className="muted">
            <span className={`tile-status inline tone-${STATUS_TONE[item.status]}`} data-testid="history-status">
              {LIBRARY_STATUS_LABELS[item.status]}
              {item.score !== null && <b>{Math.round(item.score)}</b>}
            </span>{' '}
            audited against v{item.audited_version ?? '?'}
            {item.stale && <span className="badge warn inline">brand is now v{item.current_version}</span>} · {item.width}×{item.height} · {item.origin} · cost ${item.cost.usd.toFixed(3)}
            {history.job ? ` (job $${history.job.cost.usd.toFixed(3)})` : ''}
          </p>
        </div>
        <div className="actions">
          <a className="button-like secondary" href={`#/assets/${encodeURIComponent(item.asset_id)}`}>
            Findings
          </a>
          {history.job && (
            <a className="button-like secondary" href={`#/jobs/${encodeURIComponent(history.job.job_id)}`}>
              Job
            </a>
          )}
          {approved && (
            <button type="button" className="secondary" onClick={() => void saveTemplate()} disabled={busy}>
              Save as template
            </button>
          )}
          <button type="button" className={item.stale ? 'primary' : 'secondary'} onClick={() => setPanel('reaudit')} disabled={panel === 'reaudit'}>
            Re-audit
          </button>
          <button type="button" className="primary" onClick={() => setPanel('export')} disabled={item.status === 'not_audited'}>
            Export…
          </button>
        </div>
      </header>
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
      {panel === 'reaudit' && <ReauditPanel selection={{ asset_ids: [item.asset_id] }} onClose={() => setPanel(null)} onProgress={() => void load.reload()} />}
      {panel === 'export' && <ExportPanel selection={{ asset_ids: [item.asset_id] }} count={1} onClose={() => setPanel(null)} />}
      <div className="history-layout">
        <div className="col">
          <div className="panel history-image">
            <img src={item.image_url} alt={title} />
          </div>
          {history.lineage.length > 1 && (
            <section className="panel" aria-labelledby="lineage-title">
              <h2 id="lineage-title">Lineage</h2>
              <ol className="lineage">
                {history.lineage.map((step) => (
                  <li key={step.asset_id} className={step.current ? 'current' : ''}>
                    <a href={`#/history/${encodeURIComponent(step.asset_id)}`} aria-current={step.current ? 'page' : undefined}>
                      <span className="lineage-thumb">{step.thumb_url && <img src={step.thumb_url} alt="" />}</span>
                      <span className="small">
                        {KIND_LABEL[step.kind] ?? step.kind}
                        {step.attempt !== null ? ` ${step.attempt}` : ''}
                      </span>
                      <span className={`small tone-text-${STATUS_TONE[step.status]}`}>
                        {step.score !== null ? Math.round(step.score) : '–'} · {LIBRARY_STATUS_LABELS[step.status]}
                      </span>
                    </a>
                    {step.instruction && <p className="muted small lineage-instruction">{step.instruction}</p>}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
        <section className="panel col" aria-labelledby="timeline-title">
          <h2 id="timeline-title">History</h2>
          <ol className="timeline" aria-label="History">
            {[...history.events].reverse().map((e, i) => (
              <li key={`${e.at}-${i}`} className={`event kind-${e.kind}`}>
                <div className="event-head">
                  <span className={`event-by by-${e.by}`}>{BY_LABEL[e.by]}</span>
                  <span className="muted small">{new Date(e.at).toLocaleString()}</span>
                </div>
                <p>{e.summary}</p>
                {e.changes && <Changes changes={e.changes} />}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
