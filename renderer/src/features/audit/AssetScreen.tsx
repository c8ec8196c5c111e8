import { useMemo, useState } from 'react';
import type { AssetView } from '../../../../shared/ipc/contract';
import { CategoryScores, FindingItem, Overlay, SOURCES, SOURCE_LABELS, useFindingFocus } from '../../components/Findings';
import { ErrorNote, LoadStatus, ProgressBar, ScoreRing } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { CATEGORY_LABELS, findingsOf, measuredEvidence, scoreTone, visibleOverlays } from '../../lib/audit';
import { percent } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { useStatus } from '../../stores/status';
import { decisionEvidence } from './decision-evidence';
import { BlockingConditions, MeasuredDecisionEvidence } from './DecisionEvidence';

export function AssetScreen({ assetId }: { assetId: string }) {
  const notify = useStatus((s) => s.notify);
  const load = useLoad(async () => {
    const view = await unwrap(mobius().assets.get({ asset_id: assetId }));
    const brand = await unwrap(mobius().brands.get({ brand_id: view.asset.brand_id }));
    return { view, brandName: brand.brand.name };
  }, [assetId]);
  const view = load.data?.view ?? null;
  const brandName = load.data?.brandName ?? '';
  const setView = (next: AssetView) => load.set({ view: next, brandName });
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(setError);
  const [reauditing, setReauditing] = useState<number | null>(null);
  const { active, activate } = useFindingFocus();
  const [hiddenCategories, setHiddenCategories] = useState<Set<string>>(new Set());
  const [hiddenSources, setHiddenSources] = useState<Set<string>>(new Set());
  const [showDismissed, setShowDismissed] = useState(false);

  const score = view?.asset.compliance ?? null;
  const findings = useMemo(() => findingsOf(score), [score]);
  const overlays = visibleOverlays(findings, { hiddenCategories, hiddenSources, showDismissed });
  const evidence = measuredEvidence(score);
  const decision = useMemo(() => decisionEvidence(score), [score]);
  const [highlight, setHighlight] = useState<{ x: number; y: number; w: number; h: number } | null>(null);


  const decide = (fn: () => Promise<AssetView>, message: string) =>
    run(async () => {
      setView(await fn());
      notify(message);
    });

  const reaudit = async () => {
    const auditId = crypto.randomUUID();
    setReauditing(3);
    const off = mobius().on('audit.progress', (p) => p.audit_id === auditId && setReauditing(p.percent));
    try {
      setView(await unwrap(mobius().assets.audit({ asset_id: assetId, audit_id: auditId })));
      notify('Re-audited against the current brand version');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      off();
      setReauditing(null);
    }
  };

  const toggle = (set: Set<string>, value: string, update: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  };

  if (!view) {
    return (
      <div className="screen">
        <LoadStatus load={load} label="Loading audit" />
      </div>
    );
  }
  const tone = score ? scoreTone(score.overall_score, score.approved) : 'warn';
  const categoriesPresent = [...new Set(findings.map((f) => f.scoreCategory))];
  const stale = view.audited_version !== null && view.current_brand_version !== null && view.audited_version !== view.current_brand_version;

  return (
    <div className="screen">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/brands">Brands</a> <span aria-hidden="true">/</span> <a href={`#/brands/${encodeURIComponent(view.asset.brand_id)}`}>{brandName || 'Brand'}</a>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Audit</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1>Audit</h1>
          <p className="muted">
            {view.asset.width}×{view.asset.height} · checked against version {view.audited_version ?? '?'}
            {stale && <span className="badge warn inline">brand is now v{view.current_brand_version}</span>}
          </p>
        </div>
        <div className="actions">
          <button type="button" className={stale ? 'primary' : 'secondary'} onClick={() => void reaudit()} disabled={reauditing !== null}>
            {reauditing !== null ? 'Re-auditing…' : 'Re-audit'}
          </button>
        </div>
      </header>
      {reauditing !== null && <ProgressBar value={reauditing} label="Re-auditing" />}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}

      <div className="audit-layout">
        <div className="col">
          <div className="stage panel">
            <div className="image-frame">
              <img src={view.image_url} alt="Audited image" />
              {overlays.map((f) => (
                <Overlay key={f.id} finding={f} active={active === f.id} onActivate={activate} />
              ))}
              {highlight && (
                <button
                  type="button"
                  className="overlay-box active region-highlight"
                  style={{ left: percent(highlight.x, 2), top: percent(highlight.y, 2), width: percent(highlight.w, 2), height: percent(highlight.h, 2) }}
                  aria-label="Measured region (click to hide)"
                  onClick={() => setHighlight(null)}
                />
              )}
            </div>
            <fieldset className="toggles">
              <legend className="sr-only">Show findings</legend>
              {categoriesPresent.map((c) => (
                <label key={c} className="chip-toggle">
                  <input type="checkbox" checked={!hiddenCategories.has(c)} onChange={() => toggle(hiddenCategories, c, setHiddenCategories)} />
                  {CATEGORY_LABELS[c] ?? c}
                </label>
              ))}
              <span className="divider" aria-hidden="true" />
              {SOURCES.filter((s) => findings.some((f) => f.source === s)).map((s) => (
                <label key={s} className="chip-toggle">
                  <input type="checkbox" checked={!hiddenSources.has(s)} onChange={() => toggle(hiddenSources, s, setHiddenSources)} />
                  {SOURCE_LABELS[s]}
                </label>
              ))}
              <label className="chip-toggle">
                <input type="checkbox" checked={showDismissed} onChange={(e) => setShowDismissed(e.target.checked)} />
                Dismissed
              </label>
            </fieldset>
          </div>

          <section className="panel" aria-labelledby="evidence-title">
            <h2 id="evidence-title">Measured</h2>
            <MeasuredDecisionEvidence evidence={decision} onShowRegion={setHighlight} />
            {evidence.coverage !== null && <p className="small">{percent(evidence.coverage)} of pixels are within the palette&apos;s tolerance.</p>}
            {evidence.roleShares.length > 0 && (
              <div className="balance">
                {evidence.roleShares.map((r) => (
                  <div key={r.group} className="balance-row">
                    <span className="balance-label">{r.group}</span>
                    <div className="balance-bars">
                      <div className="bar measured" style={{ width: percent(r.measured) }} />
                      <div className="bar target" style={{ width: percent(r.target) }} />
                    </div>
                    <span className="balance-values small">
                      {percent(r.measured)} <span className="muted">/ {percent(r.target)}</span>
                    </span>
                  </div>
                ))}
                <p className="legend small muted">
                  <span className="key measured" /> in the image <span className="key target" /> target ({evidence.targetSource === 'usage_weights' ? 'usage weights' : '60-30-10'})
                </p>
              </div>
            )}
            {evidence.offPalette.length > 0 && (
              <>
                <h3>Off-palette colours</h3>
                <ul className="off-palette">
                  {evidence.offPalette.map((o, i) => (
                    <li key={`${o.hex}-${i}`}>
                      <span className="mini-swatch big" style={{ background: o.hex }} aria-hidden="true" />
                      <span className="mono">{o.hex}</span>
                      <span className="muted small">{percent(o.share, 1)} of image</span>
                      {o.nearest_hex && (
                        <span className="small">
                          nearest <span className="mini-swatch" style={{ background: o.nearest_hex }} aria-hidden="true" /> {o.nearest ?? o.nearest_hex}
                          {o.delta_e !== null && <> · ΔE {o.delta_e.toFixed(1)}</>}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>

        <div className="col">
          {score && (
            <section className="panel score-panel" aria-labelledby="score-title">
              <h2 id="score-title" className="sr-only">
                Score
              </h2>
              <div className="score-head">
                <ScoreRing score={score.overall_score} tone={tone} label={`Overall score ${Math.round(score.overall_score)} of 100`} />
                <div>
                  <strong className={`verdict tone-${tone}`} data-testid="verdict">
                    {score.approved ? 'Approved' : 'Not approved'}
                  </strong>
                  <p className="muted small" data-testid="overall-score">
                    Overall {score.overall_score.toFixed(1)} / 100{score.partial ? ' · partial' : ''}
                  </p>
                </div>
              </div>
              <CategoryScores categories={score.categories} />
              <BlockingConditions evidence={decision} onShow={(id) => activate(id, true)} />
              {score.errors.length > 0 && (
                <ul className="notes small muted">
                  {score.errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              )}
            </section>
          )}
          <section className="panel" aria-labelledby="findings-title">
            <h2 id="findings-title">Findings ({findings.filter((f) => f.status === 'open').length} open)</h2>
            {findings.length === 0 && <p className="muted">No findings — this image follows the measured guidelines.</p>}
            <ul className="findings">
              {findings.map((f) => (
                <FindingItem
                  key={f.id}
                  finding={f}
                  active={active === f.id}
                  busy={busy}
                  onActivate={activate}
                  onDismiss={(reason) =>
                    void decide(() => unwrap(mobius().assets.dismissFinding({ asset_id: assetId, violation_id: f.id, reason })), 'Finding dismissed; score updated')
                  }
                  onRestore={() => void decide(() => unwrap(mobius().assets.restoreFinding({ asset_id: assetId, violation_id: f.id })), 'Finding restored')}
                />
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
