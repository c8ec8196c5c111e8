import type { JobAttemptView } from '../../../../shared/ipc/contract';
import { scoreTone } from '../../lib/audit';

const KIND_LABELS = { generate: 'Generated', correct: 'Corrected', tweak: 'Tweaked' } as const;

/** Every image the job produced, in order, with its score; the one handed over is tagged. */
export function AttemptStrip({ attempts, shownId, selectedId, onShow }: { attempts: readonly JobAttemptView[]; shownId: string | null; selectedId: string | null; onShow(assetId: string): void }) {
  if (attempts.length === 0) return null;
  return (
    <ol className="attempts" aria-label="Attempts">
      {attempts.map((a) => {
        const c = a.view.asset.compliance;
        const id = a.view.asset.asset_id;
        const isShown = id === shownId;
        return (
          <li key={id}>
            <button
              type="button"
              className={`attempt${isShown ? ' shown' : ''}`}
              aria-pressed={isShown}
              aria-label={`Attempt ${a.attempt}${a.round > 1 ? ` (round ${a.round})` : ''}: ${KIND_LABELS[a.kind]}, score ${c ? Math.round(c.overall_score) : 'pending'}${id === selectedId ? ', selected' : ''}`}
              onClick={() => onShow(id)}
            >
              <img src={a.view.image_url} alt="" />
              <span className={`score-chip tone-${c ? scoreTone(c.overall_score, c.approved) : 'warn'}`}>{c ? Math.round(c.overall_score) : '…'}</span>
              <span className="attempt-label small">
                {a.round > 1 ? `R${a.round} · ` : ''}#{a.attempt} {KIND_LABELS[a.kind]}
              </span>
              {id === selectedId && <span className="selected-tag small">Selected</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
