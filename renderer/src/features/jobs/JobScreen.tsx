import { useEffect, useMemo, useState } from 'react';
import type { JobDetail, Request } from '../../../../shared/ipc/contract';
import type { JobView } from '../../../../shared/schema';
import { CategoryScores, FindingItem, Overlay, useFindingFocus } from '../../components/Findings';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorNote, LoadStatus, ProgressBar, ScoreRing, Spinner } from '../../components/ui';
import { mobius, unwrap } from '../../ipc/client';
import { findingsOf, scoreTone, visibleOverlays } from '../../lib/audit';
import { JOB_STATUS_LABELS, isFinished } from '../../lib/jobs';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { useStatus } from '../../stores/status';
import { AttemptStrip } from './AttemptStrip';
import { ReviewPanel, type Decision } from './ReviewPanel';

type Review = Request<'jobs.review'>;
const NO_FILTER = { hiddenCategories: new Set<string>(), hiddenSources: new Set<string>(), showDismissed: false };

/** What the job is doing right now, in words. */
function liveLine(job: JobView): string {
  const attempt = job.attempt_count > 0 ? ` · attempt ${job.attempt_count}` : '';
  switch (job.status) {
    case 'pending':
      return 'Waiting for a free slot…';
    case 'generating':
      return job.attempt_count > 0 ? `Editing the image to fix the open findings${attempt}` : 'Generating the first image…';
    case 'auditing':
      return `Checking the image against the brand${attempt}`;
    case 'correcting':
      return `Not on brand yet — preparing a correction${attempt}`;
    case 'paused_offline':
      return 'Gemini is unreachable; the job continues by itself when the connection returns.';
    default:
      return JOB_STATUS_LABELS[job.status];
  }
}

export function JobScreen({ jobId }: { jobId: string }) {
  const notify = useStatus((s) => s.notify);
  const load = useLoad(async () => {
    const detail = await unwrap(mobius().jobs.get({ job_id: jobId }));
    const brand = await unwrap(mobius().brands.get({ brand_id: detail.job.brand_id })).catch(() => null);
    return { detail, brandName: brand?.brand.name ?? '' };
  }, [jobId]);
  const detail: JobDetail | null = load.data?.detail ?? null;
  /** The live job from jobs.updated (may be ahead of `detail` until the reload lands). */
  const [live, setLive] = useState<JobView | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(setError);
  const { active, activate } = useFindingFocus();
  const { reload } = load;

  useEffect(
    () =>
      mobius().on('jobs.updated', ({ job: updated }) => {
        if (updated.job_id !== jobId) return;
        setLive(updated);
        void reload();
      }),
    [jobId, reload],
  );
  const job = live && detail && live.updated_at > detail.job.updated_at ? live : (detail?.job ?? null);
  const setDetail = (next: JobDetail) => {
    load.set({ detail: next, brandName: load.data?.brandName ?? '' });
    setLive(next.job);
  };

  const attempts = detail?.attempts ?? [];
  const selectedId = detail?.selected?.asset.asset_id ?? null;
  const shown = attempts.find((a) => a.view.asset.asset_id === viewing)?.view ?? detail?.selected ?? attempts.at(-1)?.view ?? null;
  const score = shown?.asset.compliance ?? null;
  const findings = useMemo(() => findingsOf(score), [score]);
  const overlays = visibleOverlays(findings, NO_FILTER);

  if (!detail || !job) {
    return (
      <div className="screen">
        <LoadStatus load={load} label="Loading generation" />
      </div>
    );
  }

  const finished = isFinished(job.status);
  const reviewable = finished && (job.status === 'needs_review' || job.status === 'approved') && !busy;
  const brandName = load.data?.brandName ?? '';

  const review = (action: Decision, message: string) =>
    run(async () => {
      setDetail(await unwrap(mobius().jobs.review({ ...action, job_id: jobId } as Review)));
      if (action.action === 'regenerate' || action.action === 'tweak') setViewing(null);
      notify(message);
    });

  const cancel = () =>
    run(async () => {
      setLive(await unwrap(mobius().jobs.cancel({ job_id: jobId })));
      notify('Cancelling…');
    });


  const tone = score ? scoreTone(score.overall_score, score.approved) : 'warn';
  const shownIsSelected = shown !== null && shown.asset.asset_id === selectedId;
  const shownAttempt = attempts.find((a) => a.view.asset.asset_id === shown?.asset.asset_id);

  return (
    <div className="screen">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/brands">Brands</a> <span aria-hidden="true">/</span> <a href={`#/brands/${encodeURIComponent(job.brand_id)}`}>{brandName || 'Brand'}</a>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Generation</span>
      </nav>
      <header className="screen-head">
        <div className="job-title">
          <h1>
            Generation <StatusBadge status={job.status} />
          </h1>
          <p className="job-prompt-full">“{detail.prompt}”</p>
          <p className="muted small">
            {detail.aspect_ratio} · {detail.image_size}
            {job.state.latest_score !== null && <> · latest score {job.state.latest_score.toFixed(1)}</>}
          </p>
        </div>
        <div className="actions">
          {!finished && (
            <button type="button" className="secondary" onClick={() => void cancel()} disabled={busy}>
              Cancel
            </button>
          )}
        </div>
      </header>

      {!finished && (
        <div className="panel inline-status" aria-live="polite" data-testid="job-live">
          <span>{liveLine(job)}</span>
          <ProgressBar value={job.progress} label={`Generation progress ${job.progress}%`} />
        </div>
      )}
      {job.status === 'failed' && job.error && (
        <ErrorNote>
          <strong>The generation failed.</strong> {job.error.message}
        </ErrorNote>
      )}
      {job.status === 'approved' && detail.approved_by_override && (
        <p className="panel inline-status small" data-testid="approval-override">
          <strong>Approved by you as an override.</strong> The audit had not approved this image; its open findings stay on record.
        </p>
      )}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}

      <div className="audit-layout">
        <div className="col">
          <div className="stage panel">
            {shown ? (
              <div className="image-frame">
                <img src={shown.image_url} alt={`Attempt ${shownAttempt?.attempt ?? ''} of the generated image`} />
                {overlays.map((f) => (
                  <Overlay key={f.id} finding={f} active={active === f.id} onActivate={activate} />
                ))}
              </div>
            ) : (
              <div className="image-placeholder">
                <Spinner label="Waiting for the first image" />
                <span className="muted">The first image appears here in a moment.</span>
              </div>
            )}
            <AttemptStrip attempts={attempts} shownId={shown?.asset.asset_id ?? null} selectedId={selectedId} onShow={setViewing} />
            {shownAttempt?.instruction && (
              <details className="attempt-instruction small">
                <summary>How attempt {shownAttempt.attempt} was asked for</summary>
                <p className="muted">{shownAttempt.instruction}</p>
              </details>
            )}
          </div>
        </div>

        <div className="col">
          {job.status === 'needs_review' && <ReviewPanel busy={busy} onReview={(a, m) => void review(a, m)} />}
          {score && (
            <section className="panel score-panel" aria-labelledby="job-score-title">
              <h2 id="job-score-title" className="sr-only">
                Score of the shown attempt
              </h2>
              <div className="score-head">
                <ScoreRing score={score.overall_score} tone={tone} label={`Overall score ${Math.round(score.overall_score)} of 100`} />
                <div>
                  <strong className={`verdict tone-${tone}`} data-testid="verdict">
                    {score.approved ? 'On brand' : 'Not on brand'}
                  </strong>
                  <p className="muted small" data-testid="overall-score">
                    Attempt {shownAttempt?.attempt ?? '?'} · overall {score.overall_score.toFixed(1)} / 100{score.partial ? ' · partial' : ''}
                    {shownIsSelected ? ' · selected' : ''}
                  </p>
                </div>
              </div>
              <CategoryScores categories={score.categories} />
            </section>
          )}
          {shown && (
            <section className="panel" aria-labelledby="job-findings-title">
              <h2 id="job-findings-title">Findings ({findings.filter((f) => f.status === 'open').length} open)</h2>
              {findings.length === 0 && <p className="muted">{score ? 'No findings — this attempt follows the guidelines.' : 'Being audited…'}</p>}
              <ul className="findings">
                {findings.map((f) => (
                  <FindingItem
                    key={f.id}
                    finding={f}
                    active={active === f.id}
                    busy={!reviewable}
                    onActivate={activate}
                    onDismiss={(reason) => void review({ action: 'dismiss', violation_id: f.id, reason, asset_id: shown.asset.asset_id }, 'Finding dismissed; score updated')}
                    onRestore={() => void review({ action: 'restore', violation_id: f.id, asset_id: shown.asset.asset_id }, 'Finding restored')}
                  />
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
