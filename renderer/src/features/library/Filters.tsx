import { useEffect, useState } from 'react';
import type { BrandSummary } from '../../../../shared/ipc/contract';
import type { LibraryFilter } from '../../../../shared/schema';
import { LIBRARY_SORTS, LIBRARY_SORT_LABELS, LIBRARY_STATUSES, LIBRARY_STATUS_LABELS, type LibrarySort, type LibraryStatus } from '../../../../shared/vocab/library';

export interface FilterState extends LibraryFilter {
  sort: LibrarySort;
}

function toggle<T>(list: readonly T[] | undefined, value: T): T[] {
  const current = list ?? [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}

const numberOrUndefined = (text: string) => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

/** Search, status chips with their counts, stale, brand, source, sort, and the less common filters folded away. */
export function Filters({ value, onChange, counts, staleCount, brands }: {
  value: FilterState;
  onChange(next: FilterState): void;
  counts: Record<string, number>;
  staleCount: number;
  /** All brands (the cross-brand library); null in a brand's own library. */
  brands: BrandSummary[] | null;
}) {
  const [search, setSearch] = useState(value.search ?? '');
  // Typing is not a query per key: the grid follows 200 ms after the last one.
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((value.search ?? '') !== search.trim()) onChange({ ...value, search: search.trim() || undefined });
    }, 200);
    return () => clearTimeout(handle);
  }, [search, value, onChange]);
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  const moreActive = [value.score_min, value.score_max, value.version_min, value.created_from, value.created_to].some((v) => v !== undefined);

  return (
    <div className="library-filters">
      <div className="filter-row">
        <label className="search">
          <span className="sr-only">Search prompts and file names</span>
          <input type="search" placeholder="Search prompts and file names" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        {brands && (
          <label>
            <span className="sr-only">Brand</span>
            <select value={value.brand_id ?? ''} onChange={(e) => set({ brand_id: e.target.value || undefined })} aria-label="Brand">
              <option value="">All brands</option>
              {brands.map((b) => (
                <option key={b.brand_id} value={b.brand_id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span className="sr-only">Source</span>
          <select value={value.origin ?? ''} onChange={(e) => set({ origin: (e.target.value || undefined) as FilterState['origin'] })} aria-label="Source">
            <option value="">Generated and imported</option>
            <option value="generated">Generated</option>
            <option value="imported">Imported</option>
          </select>
        </label>
        <label>
          <span className="sr-only">Sort</span>
          <select value={value.sort} onChange={(e) => set({ sort: e.target.value as LibrarySort })} aria-label="Sort">
            {LIBRARY_SORTS.map((s) => (
              <option key={s} value={s}>
                {LIBRARY_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <details className="more-filters" open={moreActive || undefined}>
          <summary className="button-like secondary">More filters{moreActive ? ' •' : ''}</summary>
          <div className="more-filters-body">
            <label>
              <span>Score from</span>
              <input type="number" min={0} max={100} value={value.score_min ?? ''} onChange={(e) => set({ score_min: numberOrUndefined(e.target.value) })} />
            </label>
            <label>
              <span>to</span>
              <input type="number" min={0} max={100} value={value.score_max ?? ''} onChange={(e) => set({ score_max: numberOrUndefined(e.target.value) })} />
            </label>
            <label>
              <span>Audited against version ≥</span>
              <input type="number" min={1} value={value.version_min ?? ''} onChange={(e) => set({ version_min: numberOrUndefined(e.target.value) })} />
            </label>
            <label>
              <span>Created from</span>
              <input type="date" value={value.created_from ?? ''} onChange={(e) => set({ created_from: e.target.value || undefined })} />
            </label>
            <label>
              <span>until</span>
              <input type="date" value={value.created_to ?? ''} onChange={(e) => set({ created_to: e.target.value || undefined })} />
            </label>
          </div>
        </details>
      </div>
      <div className="filter-row chips" role="group" aria-label="Status">
        {LIBRARY_STATUSES.map((status: LibraryStatus) => {
          const on = value.statuses?.includes(status) ?? false;
          return (
            <button key={status} type="button" className={`chip status-${status}`} aria-pressed={on} onClick={() => set({ statuses: toggle(value.statuses, status) })}>
              {LIBRARY_STATUS_LABELS[status]} <span className="chip-count">{counts[status] ?? 0}</span>
            </button>
          );
        })}
        <span className="divider" aria-hidden="true" />
        <button type="button" className="chip stale" aria-pressed={value.stale === true} onClick={() => set({ stale: value.stale ? undefined : true })}>
          Stale <span className="chip-count">{staleCount}</span>
        </button>
      </div>
    </div>
  );
}
