import { percent } from '../../lib/format';
import { BLOCKING_LABELS, REGIME_LABELS, type DecisionEvidence } from './decision-evidence';

/** Why the decision is what it is: each blocking condition, named, with the finding that carries it. */
export function BlockingConditions({ evidence, onShow }: { evidence: DecisionEvidence; onShow(findingId: string): void }) {
  if (evidence.blocking.length === 0) return null;
  return (
    <div className="blocking" data-testid="blocking">
      <h3>Blocks approval</h3>
      <ul>
        {evidence.blocking.map((b) => (
          <li key={`${b.code}-${b.finding_id}`}>
            <span className="badge bad">{BLOCKING_LABELS[b.code]}</span> <span className="small">{b.message}</span>{' '}
            {b.finding_id && (
              <button type="button" className="ghost small" onClick={() => onShow(b.finding_id!)}>
                Show finding
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The regime, drift, and text lines with their measured contrast. */
export function MeasuredDecisionEvidence({ evidence, onShowRegion }: { evidence: DecisionEvidence; onShowRegion(box: { x: number; y: number; w: number; h: number }): void }) {
  const { regime, drift, texts } = evidence;
  return (
    <>
      {regime && (
        <p className="small" data-testid="regime">
          <span className="badge">{REGIME_LABELS[regime.kind]}</span>{' '}
          {regime.kind === 'photographic'
            ? `Shading allowed: pixels within ΔE00 ${regime.family_tolerance} of a brand colour count as that colour.`
            : `${percent(regime.flat_share)} flat: flat areas must be the brand colour within ΔE00 ${regime.exact_tolerance}${regime.kind === 'mixed' ? `; photographic areas (${percent(regime.photographic_share)}) may shade within ΔE00 ${regime.family_tolerance}` : ''}.`}
        </p>
      )}
      {drift.length > 0 && (
        <>
          <h3>Palette drift</h3>
          <ul className="off-palette" data-testid="drift">
            {drift.map((d, i) => (
              <li key={`${d.hex}-${d.rendered}-${i}`}>
                <span className="mini-swatch big" style={{ background: d.hex }} title={`${d.name} ${d.hex}`} aria-hidden="true" />
                <span className="small">
                  {d.name} <span className="mono">{d.hex}</span>
                </span>
                <span aria-hidden="true">→</span>
                <span className="mini-swatch big" style={{ background: d.rendered }} title={`rendered ${d.rendered}`} aria-hidden="true" />
                <span className="small">
                  rendered <span className="mono">{d.rendered}</span> · ΔE00 {d.delta_e.toFixed(1)} · {percent(d.share, 1)} of image
                </span>
                <button type="button" className="ghost small" onClick={() => onShowRegion(d.box)}>
                  Where
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {texts.length > 0 && (
        <>
          <h3>Text contrast</h3>
          <ul className="off-palette" data-testid="text-regions">
            {texts.map((t, i) => {
              const fails = !t.exempt && t.ratio < t.required;
              return (
                <li key={i}>
                  <span className="contrast-sample" style={{ background: t.background, color: t.foreground }} aria-hidden="true">
                    Aa
                  </span>
                  <span className="small">
                    {t.label ? `“${t.label}”` : `${t.large_text ? 'Large' : 'Normal'} text, about ${Math.round(t.font_px)} px`}
                  </span>
                  <span className={`badge ${t.exempt ? '' : fails ? 'bad' : 'status-good'}`}>
                    {t.ratio.toFixed(2)}:1 {t.exempt ? '(logotype, exempt)' : fails ? `< ${t.required}:1` : `≥ ${t.required}:1`}
                  </span>
                  {t.background_kind === 'photographic' && <span className="muted small">on photographic content</span>}
                  <button type="button" className="ghost small" onClick={() => onShowRegion(t.box)}>
                    Where
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {evidence.rulesForModel.length > 0 && (
        <p className="muted small">Left to the model (scope unclear): {evidence.rulesForModel.map((r) => `“${r}”`).join(', ')}</p>
      )}
    </>
  );
}
