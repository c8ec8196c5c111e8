import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../../shared/ipc/contract';
import type { LibraryFilter, ReauditResult } from '../../../../shared/schema';
import { ErrorNote, ProgressBar } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';

/** What a batch works on: picked assets, or everything the current filter matches. */
export type Selection = { asset_ids: string[] } | { filter: LibraryFilter };

/**
 * Export the selection: options, a folder (the native chooser in the app; the
 * exports folder in the browser bridge), progress with cancel, and where the
 * files went. The main process writes everything to a hidden folder and
 * renames it into place, so a cancel leaves nothing behind.
 */
export function ExportPanel({ selection, count, onClose }: { selection: Selection; count: number; onClose(): void }) {
  const desktop = mobius().runtime === 'electron';
  const [zip, setZip] = useState(false);
  const [pdf, setPdf] = useState(desktop);
  const [folder, setFolder] = useState<string | null>(null);
  const [running, setRunning] = useState<{ id: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    const chosen = await unwrap(mobius().dialog.openFile({ kind: 'folder' })).catch(() => ({ path: null }));
    if (chosen.path) setFolder(chosen.path);
  };

  const start = async () => {
    const id = crypto.randomUUID();
    setError(null);
    setResult(null);
    setRunning({ id, done: 0, total: count });
    const off = mobius().on('exports.progress', (p) => p.export_id === id && setRunning((r) => (r ? { ...r, done: p.done, total: p.total } : r)));
    try {
      setResult(await unwrap(mobius().exports.assets({ export_id: id, ...selection, zip, pdf, ...(folder ? { path: folder } : {}) })));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      off();
      setRunning(null);
    }
  };

  return (
    <section className="panel batch" aria-labelledby="export-title">
      <div className="batch-head">
        <h2 id="export-title">Export {count} image{count === 1 ? '' : 's'}</h2>
        <button type="button" className="ghost small" onClick={onClose} disabled={running !== null}>
          Close
        </button>
      </div>
      {!running && !result && (
        <div className="export-options">
          <p className="muted small">Each image as stored, its compliance JSON and a self-contained HTML report with the overlays, plus manifest.csv and manifest.json.</p>
          <label className="inline-check">
            <input type="checkbox" checked={pdf} disabled={!desktop} onChange={(e) => setPdf(e.target.checked)} /> PDF of each report{desktop ? '' : ' (desktop app)'}
          </label>
          <label className="inline-check">
            <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} /> One .zip file
          </label>
          <div className="actions">
            {desktop && (
              <button type="button" className="secondary" onClick={() => void choose()}>
                {folder ? 'Change folder…' : 'Choose folder…'}
              </button>
            )}
            <span className="muted small folder">{folder ?? 'Mobius exports folder'}</span>
            <button type="button" className="primary" onClick={() => void start()}>
              Export
            </button>
          </div>
        </div>
      )}
      {running && (
        <div className="batch-progress">
          <ProgressBar value={(running.done / Math.max(1, running.total)) * 100} label="Exporting" />
          <span className="small">
            {running.done} of {running.total}
          </span>
          <button type="button" className="secondary small" onClick={() => void mobius().exports.cancel({ export_id: running.id })}>
            Cancel
          </button>
        </div>
      )}
      {result && (
        <div className="export-result" data-testid="export-result">
          <p>
            Exported {result.count} image{result.count === 1 ? '' : 's'} to <span className="mono">{result.path}</span>
          </p>
          {result.warnings.map((w) => (
            <p key={w} className="muted small">
              {w}
            </p>
          ))}
        </div>
      )}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
    </section>
  );
}

interface ReauditState {
  id: string;
  done: number;
  total: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  changed: number;
  results: ReauditResult[];
}

/** A background re-audit: progress, cancel, and per image what changed ("approved under v1, fails under v2: …"). */
export function ReauditPanel({ selection, onClose, onProgress }: { selection: Selection; onClose(): void; onProgress(): void }) {
  const [run, setRun] = useState<ReauditState>(() => ({ id: crypto.randomUUID(), done: 0, total: 0, state: 'running', changed: 0, results: [] }));
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const { id } = run;

  useEffect(
    () =>
      mobius().on('library.reaudit', (p) => {
        if (p.reaudit_id !== id) return;
        setRun((r) => ({ ...r, done: p.done, total: p.total, state: p.state, changed: p.decisions_changed, results: p.result ? [...r.results, p.result] : r.results }));
        if (p.result || p.state !== 'running') onProgress();
      }),
    [id, onProgress],
  );

  useEffect(() => {
    // Once per panel, with the selection it was opened for (effects may run twice in development).
    if (started.current) return;
    started.current = true;
    unwrap(mobius().library.reaudit({ reaudit_id: id, ...selection }))
      .then(({ total }) => setRun((r) => ({ ...r, total })))
      .catch((e: unknown) => {
        setError(errorMessage(e));
        setRun((r) => ({ ...r, state: 'failed' }));
      });
  }, [id, selection]);

  const changes = run.results.filter((r) => r.changes?.decision_changed);
  const failures = run.results.filter((r) => !r.ok);
  return (
    <section className="panel batch" aria-labelledby="reaudit-title" aria-live="polite">
      <div className="batch-head">
        <h2 id="reaudit-title">
          {run.state === 'running' ? 'Re-auditing' : run.state === 'cancelled' ? 'Re-audit cancelled' : run.state === 'failed' ? 'Re-audit failed' : 'Re-audit finished'}
        </h2>
        {run.state === 'running' ? (
          <button type="button" className="secondary small" onClick={() => void mobius().library.cancelReaudit({ reaudit_id: run.id })}>
            Cancel
          </button>
        ) : (
          <button type="button" className="ghost small" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      <div className="batch-progress">
        <ProgressBar value={(run.done / Math.max(1, run.total)) * 100} label="Re-audit progress" />
        <span className="small" data-testid="reaudit-count">
          {run.done} of {run.total} · {run.changed} decision{run.changed === 1 ? '' : 's'} changed
        </span>
      </div>
      {changes.length > 0 && (
        <ul className="changes" aria-label="What changed">
          {changes.map((r) => (
            <li key={r.asset_id} className={r.changes!.to.approved ? 'up' : 'down'}>
              <a href={`#/history/${encodeURIComponent(r.asset_id)}`}>
                <strong>{r.title ?? 'Image'}</strong>
              </a>{' '}
              — {r.changes!.headline}
              {r.changes!.guideline_changes.length > 1 && <p className="muted small">Also: {r.changes!.guideline_changes.slice(1, 4).join('; ')}</p>}
            </li>
          ))}
        </ul>
      )}
      {failures.length > 0 && (
        <p className="muted small">
          {failures.length} image{failures.length === 1 ? '' : 's'} could not be re-audited: {failures[0]!.error?.message}
        </p>
      )}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
    </section>
  );
}
