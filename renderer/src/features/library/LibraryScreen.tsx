import { memo, useCallback, useRef, useState, type MouseEvent } from 'react';
import type { LibraryItem } from '../../../../shared/schema';
import { LIBRARY_STATUS_LABELS } from '../../../../shared/vocab/library';
import { ErrorNote, LoadStatus } from '../../components/ui';
import { mobius, unwrap } from '../../ipc/client';
import { relativeTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { useRoute } from '../../stores/route';
import { ExportPanel, ReauditPanel, type Selection } from './BatchPanels';
import { Filters, type FilterState } from './Filters';
import { STATUS_TONE } from './status';
import { TemplatesPanel } from './Templates';
import { useLibrary, useThumbnails } from './use-library';
import { VirtualGrid } from './VirtualGrid';
import './library.css';

const usd = (n: number) => (n === 0 ? '$0' : n < 0.01 ? '<$0.01' : `$${n.toFixed(2)}`);

/** One tile; memoised so scrolling re-renders only the tiles that enter the view. */
const Tile = memo(function Tile({ item, index, thumb, selected, showBrand, onSelect }: {
  item: LibraryItem | undefined;
  index: number;
  thumb: string | null;
  selected: boolean;
  showBrand: boolean;
  onSelect(index: number, e: MouseEvent): void;
}) {
  if (!item) return <div className="tile placeholder" aria-hidden="true" />;
  const title = item.prompt ?? item.source_name ?? 'Untitled image';
  return (
    <div className={`tile${selected ? ' selected' : ''}`} data-asset-id={item.asset_id}>
      <input type="checkbox" className="tile-check" checked={selected} onClick={(e) => onSelect(index, e)} onChange={() => undefined} aria-label={`Select ${title}`} />
      <a className="tile-link" href={`#/history/${encodeURIComponent(item.asset_id)}`} title={title}>
        <span className="tile-image">{thumb ? <img src={thumb} alt="" decoding="async" draggable={false} /> : null}</span>
        <span className={`tile-status tone-${STATUS_TONE[item.status]}`}>
          {LIBRARY_STATUS_LABELS[item.status]}
          {item.score !== null && <b>{Math.round(item.score)}</b>}
        </span>
        {item.stale && <span className="tile-stale">Stale · v{item.audited_version}</span>}
        <span className="tile-title">{title}</span>
        <span className="tile-meta muted">
          {showBrand ? `${item.brand_name} · ` : ''}
          {item.audited_version !== null ? `v${item.audited_version} · ` : ''}
          {item.origin === 'generated' ? 'generated' : 'imported'} · {relativeTime(item.created_at)}
          {item.cost.usd > 0 ? ` · ${usd(item.cost.usd)}` : ''}
        </span>
      </a>
    </div>
  );
});

/**
 * The asset library, across brands or for one brand: every generated attempt
 * and imported image in a virtualised grid with filters, search and sort;
 * multi-select for export and re-audit; stale audits called out with a one-
 * click re-audit; templates per brand; and what the brand spends per month.
 */
export function LibraryScreen({ brandId }: { brandId: string | null }) {
  const go = useRoute((s) => s.go);
  const [filter, setFilter] = useState<FilterState>(() => ({ sort: 'newest', ...(brandId ? { brand_id: brandId } : {}) }));
  const library = useLibrary(filter);
  const thumbs = useThumbnails();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const lastClicked = useRef<number | null>(null);
  const [panel, setPanel] = useState<{ kind: 'export' | 'reaudit'; selection: Selection; count: number; key: number } | null>(null);
  const [tab, setTab] = useState<'images' | 'templates'>('images');
  const context = useLoad(async () => {
    const [brands, costs] = await Promise.all([unwrap(mobius().brands.list()), unwrap(mobius().library.costs(brandId ? { brand_id: brandId } : {}))]);
    return { brands, costs };
  }, [brandId]);
  const brand = brandId ? (context.data?.brands.find((b) => b.brand_id === brandId) ?? null) : null;
  const thisMonth = new Date().toISOString().slice(0, 7);
  const monthSpend = (context.data?.costs.months ?? []).filter((m) => m.month === thisMonth).reduce((s, m) => s + m.usd, 0);

  const changeFilter = useCallback((next: FilterState) => {
    setFilter(next);
    setSelected(new Set());
    setAllMatching(false);
    lastClicked.current = null;
  }, []);

  const { ensure, itemAt, version } = library;
  const { want, urlOf } = thumbs;
  const onRange = useCallback(
    (start: number, end: number) => {
      ensure(start, end);
      const items: LibraryItem[] = [];
      for (let i = start; i < end; i++) {
        const item = itemAt(i);
        if (item) items.push(item);
      }
      want(items);
    },
    // `version`: new pages arrived, so the same range now has items that need thumbnails.
    [ensure, itemAt, want, version],
  );

  const select = (index: number, e: MouseEvent) => {
    e.stopPropagation();
    const item = itemAt(index);
    if (!item) return;
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      const on = !current.has(item.asset_id);
      const from = e.shiftKey && lastClicked.current !== null ? Math.min(lastClicked.current, index) : index;
      const to = e.shiftKey && lastClicked.current !== null ? Math.max(lastClicked.current, index) : index;
      for (let i = from; i <= to; i++) {
        const id = itemAt(i)?.asset_id;
        if (!id) continue;
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
    lastClicked.current = index;
  };
  // Stable for the memoised tiles; always runs the latest `select`.
  const selectRef = useRef(select);
  selectRef.current = select;
  const onSelect = useCallback((index: number, e: MouseEvent) => selectRef.current(index, e), []);

  const { sort: _sort, ...filterOnly } = filter;
  const { statuses: _statuses, stale: _stale, ...baseFilter } = filterOnly;
  const selection: Selection = allMatching ? { filter: filterOnly } : { asset_ids: [...selected] };
  const selectedCount = allMatching ? library.total : selected.size;
  const open = (kind: 'export' | 'reaudit', sel: Selection, count: number) => setPanel({ kind, selection: sel, count, key: Date.now() });
  const staleSelection: Selection = { filter: { ...baseFilter, stale: true } };
  const { reload } = library;
  const reloadAll = useCallback(() => {
    reload();
    void context.reload();
  }, [reload, context]);

  return (
    <div className="screen library-screen">
      <nav className="crumbs" aria-label="Breadcrumb">
        {brand ? (
          <>
            <a href="#/library">Library</a> <span aria-hidden="true">/</span> <a href={`#/brands/${encodeURIComponent(brand.brand_id)}`}>{brand.name}</a>
          </>
        ) : (
          <span>All brands</span>
        )}
      </nav>
      <header className="screen-head">
        <div>
          <h1>{brand ? `${brand.name} library` : 'Library'}</h1>
          <p className="muted" data-testid="library-summary">
            {library.total.toLocaleString()} image{library.total === 1 ? '' : 's'}
            {brand ? ` · guidelines v${brand.version}` : ''} · {usd(monthSpend)} this month
            {context.data && context.data.costs.total_usd > 0 ? ` · ${usd(context.data.costs.total_usd)} in total` : ''}
          </p>
        </div>
        {brandId && (
          <div className="segmented" role="tablist" aria-label="Show">
            <button type="button" role="tab" aria-selected={tab === 'images'} onClick={() => setTab('images')}>
              Images
            </button>
            <button type="button" role="tab" aria-selected={tab === 'templates'} onClick={() => setTab('templates')}>
              Templates
            </button>
          </div>
        )}
      </header>

      {tab === 'templates' && brandId ? (
        <TemplatesPanel brandId={brandId} onGenerated={(jobId) => go({ screen: 'job', jobId })} />
      ) : (
        <>
          {library.staleCount > 0 && filter.stale !== true && (
            <div className="stale-banner" role="status">
              <span>
                <strong>{library.staleCount}</strong> image{library.staleCount === 1 ? ' was' : 's were'} audited against an older version of the guidelines.
              </span>
              <button type="button" className="secondary small" onClick={() => changeFilter({ ...filter, stale: true })}>
                Show them
              </button>
              <button type="button" className="primary small" onClick={() => open('reaudit', staleSelection, library.staleCount)} disabled={panel?.kind === 'reaudit'}>
                Re-audit stale
              </button>
            </div>
          )}
          <Filters value={filter} onChange={changeFilter} counts={library.counts} staleCount={library.staleCount} brands={brandId ? null : (context.data?.brands ?? [])} />
          {panel?.kind === 'reaudit' && <ReauditPanel key={panel.key} selection={panel.selection} onClose={() => setPanel(null)} onProgress={reloadAll} />}
          {panel?.kind === 'export' && <ExportPanel key={panel.key} selection={panel.selection} count={panel.count} onClose={() => setPanel(null)} />}
          <div className="selection-bar" aria-live="polite">
            {selectedCount > 0 ? (
              <>
                <strong data-testid="selection-count">{selectedCount.toLocaleString()} selected</strong>
                {!allMatching && selected.size < library.total && (
                  <button type="button" className="ghost small" onClick={() => setAllMatching(true)}>
                    Select all {library.total.toLocaleString()} matching
                  </button>
                )}
                <button type="button" className="ghost small" onClick={() => (setSelected(new Set()), setAllMatching(false))}>
                  Clear
                </button>
                <span className="grow" />
                <button type="button" className="secondary" onClick={() => open('reaudit', selection, selectedCount)}>
                  Re-audit
                </button>
                <button type="button" className="primary" onClick={() => open('export', selection, selectedCount)}>
                  Export…
                </button>
              </>
            ) : (
              <span className="muted small">Select images to export or re-audit them (shift-click selects a range).</span>
            )}
          </div>
          {library.error && <ErrorNote>{library.error}</ErrorNote>}
          {context.error && <LoadStatus load={context} label="Loading brands" />}
          {!library.loading && library.total === 0 ? (
            <p className="muted empty-library">
              {Object.values(library.counts).some((n) => n > 0) || filter.search ? 'No images match these filters.' : 'No images yet: generate one or drop an image on a brand to audit it.'}
            </p>
          ) : (
            <VirtualGrid
              count={library.total}
              minTileWidth={176}
              metaHeight={58}
              gap={14}
              label="Images"
              keyOf={(i) => itemAt(i)?.asset_id ?? `slot-${i}`}
              onRangeChange={onRange}
              renderTile={(i) => {
                const item = itemAt(i);
                return (
                  <Tile
                    item={item}
                    index={i}
                    thumb={item ? urlOf(item) : null}
                    selected={item ? allMatching || selected.has(item.asset_id) : false}
                    showBrand={!brandId}
                    onSelect={onSelect}
                  />
                );
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
