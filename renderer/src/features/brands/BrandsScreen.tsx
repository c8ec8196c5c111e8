import { useCallback, useEffect } from 'react';
import { DropOverlay, useWindowDrop } from '../../components/FileDrop';
import { EmptyState, ErrorNote, LoadStatus, PaletteStrip, ProgressBar } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { fileKind, relativeTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { stageLabel, useIngests, type IngestState } from '../../stores/brands';
import { useRoute } from '../../stores/route';
import { useStatus } from '../../stores/status';

function IngestRow({ ingest }: { ingest: IngestState }) {
  const { cancel, dismissIngest } = useIngests();
  const pageNote = ingest.page && ingest.pageCount ? ` · page ${ingest.page} of ${ingest.pageCount}` : '';
  return (
    <li className="ingest-row" aria-live="polite">
      <div className="ingest-head">
        <strong>{ingest.fileName}</strong>
        <span className="muted">{ingest.error ? 'Could not import' : `${stageLabel(ingest.stage)}${pageNote}`}</span>
      </div>
      {ingest.error ? (
        <ErrorNote onDismiss={() => dismissIngest(ingest.id)}>{ingest.error}</ErrorNote>
      ) : (
        <div className="ingest-progress">
          <ProgressBar value={ingest.percent} label={`Importing ${ingest.fileName}`} />
          <button type="button" className="ghost small" disabled={ingest.cancelling} onClick={() => void cancel(ingest.id)}>
            {ingest.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
    </li>
  );
}

export function BrandsScreen({ importRequested }: { importRequested?: boolean }) {
  const { ingests, ingest } = useIngests();
  const load = useLoad(() => unwrap(mobius().brands.list()), []);
  const { reload } = load;
  const brands = load.data;
  const go = useRoute((s) => s.go);
  const notify = useStatus((s) => s.notify);
  /** Import a PDF; the list reloads when it lands. */
  const ingestPdf = useCallback(
    (input: { path: string; fileName: string }) =>
      void ingest(input).then((id) => {
        if (id) void reload();
      }),
    [ingest, reload],
  );

  const ingestFile = useCallback(
    async (file: File) => {
      if (fileKind(file.name, file.type) === 'json') {
        try {
          const path = await mobius().pathForFile(file);
          const brand = await unwrap(mobius().brands.import({ path }));
          notify(`Imported ${brand.name}`);
          await reload();
        } catch (e) {
          notify(errorMessage(e));
        }
        return;
      }
      let path: string;
      try {
        path = await mobius().pathForFile(file);
      } catch (e) {
        notify(errorMessage(e));
        return;
      }
      ingestPdf({ path, fileName: file.name });
    },
    [ingestPdf, reload, notify],
  );

  const dragging = useWindowDrop(
    useCallback((files: File[]) => files.forEach((f) => void ingestFile(f)), [ingestFile]),
  );

  const choose = useCallback(async () => {
    const result = await mobius().dialog.openFile({ kind: 'pdf' });
    if (result.ok && result.value.path) {
      const path = result.value.path;
      ingestPdf({ path, fileName: path.split(/[\\/]/).pop() ?? 'guidelines.pdf' });
    }
  }, [ingestPdf]);

  useEffect(() => {
    if (importRequested) {
      history.replaceState(null, '', '#/brands');
      void choose();
    }
  }, [importRequested, choose]);

  return (
    <div className="screen">
      <DropOverlay visible={dragging} text="Drop a brand-guidelines PDF to build its brand twin" />
      <header className="screen-head">
        <div>
          <h1>Brands</h1>
          <p className="muted">Each brand is a twin of its guidelines: palette by role, type, rules — with the page they came from.</p>
        </div>
        <button type="button" className="primary" onClick={() => void choose()}>
          Import guidelines PDF…
        </button>
      </header>

      {ingests.length > 0 && <ul className="ingest-list">{ingests.map((i) => <IngestRow key={i.id} ingest={i} />)}</ul>}
      {!brands && <LoadStatus load={load} label="Loading brands" />}

      {brands && brands.length === 0 && ingests.length === 0 && (
        <EmptyState title="No brands yet">
          <p>Drop a brand-guidelines PDF anywhere in this window, or choose one. Mobius reads it on this computer; nothing is uploaded.</p>
        </EmptyState>
      )}

      {brands && brands.length > 0 && (
        <ul className="brand-grid" aria-label="Brands">
          {brands.map((b) => (
            <li key={b.brand_id}>
              <a className="brand-card" href={`#/brands/${encodeURIComponent(b.brand_id)}`} onClick={(e) => (e.preventDefault(), go({ screen: 'brand', brandId: b.brand_id }))}>
                <PaletteStrip colors={b.palette} label={`Palette of ${b.name}: ${b.palette.map((c) => c.hex).join(', ')}`} />
                <div className="brand-card-body">
                  <strong className="brand-name">{b.name}</strong>
                  <span className="muted small">
                    v{b.version} · {b.palette.length} colours · {b.asset_count} {b.asset_count === 1 ? 'asset' : 'assets'}
                  </span>
                  <span className="muted small">Active {relativeTime(b.last_activity_at)}</span>
                </div>
                {b.needs_review_count > 0 && <span className="badge warn">{b.needs_review_count} to review</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
