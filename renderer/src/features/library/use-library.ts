import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryItem, LibraryQueryInput } from '../../../../shared/schema';
import { errorMessage, mobius, unwrap } from '../../ipc/client';

/** Rows fetched per request; the grid asks for the pages its visible range touches. */
export const PAGE_SIZE = 120;

export interface LibraryData {
  total: number;
  counts: Record<string, number>;
  staleCount: number;
  loading: boolean;
  error: string | null;
  /** Bumped whenever pages arrive, so components reading `itemAt` re-render. */
  version: number;
  itemAt(index: number): LibraryItem | undefined;
  /** Fetch the pages covering [start, end). */
  ensure(start: number, end: number): void;
  /** Refetch what is loaded (after a re-audit, an export, a finding change). */
  reload(): void;
}

type Filter = Omit<LibraryQueryInput, 'offset' | 'limit'>;

/**
 * The library as pages fetched on demand: the grid can scroll through tens of
 * thousands of assets while only the pages it shows are ever requested. A
 * new filter starts over; answers for an old filter are dropped.
 */
export function useLibrary(filter: Filter): LibraryData {
  const key = JSON.stringify(filter);
  const pages = useRef(new Map<number, LibraryItem[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [meta, setMeta] = useState({ total: 0, counts: {} as Record<string, number>, staleCount: 0, loading: true, error: null as string | null, version: 0 });

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (inflight.current.has(page)) return;
      inflight.current.add(page);
      try {
        const result = await unwrap(mobius().library.query({ ...(JSON.parse(key) as Filter), offset: page * PAGE_SIZE, limit: PAGE_SIZE }));
        if (gen !== generation.current) return;
        pages.current.set(page, result.items);
        setMeta((m) => ({ total: result.total, counts: result.counts, staleCount: result.stale_count, loading: false, error: null, version: m.version + 1 }));
      } catch (e) {
        if (gen === generation.current) setMeta((m) => ({ ...m, loading: false, error: errorMessage(e) }));
      } finally {
        if (gen === generation.current) inflight.current.delete(page);
      }
    },
    [key],
  );

  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    inflight.current = new Set();
    setMeta((m) => ({ ...m, loading: true }));
    void fetchPage(0, gen);
  }, [fetchPage]);

  const ensure = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(Math.max(start, end - 1) / PAGE_SIZE); page++) {
        if (!pages.current.has(page)) void fetchPage(page, generation.current);
      }
    },
    [fetchPage],
  );

  const reload = useCallback(() => {
    const gen = ++generation.current;
    const loaded = [...pages.current.keys()];
    inflight.current = new Set();
    for (const page of loaded.length ? loaded : [0]) void fetchPage(page, gen);
  }, [fetchPage]);

  const itemAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { ...meta, itemAt, ensure, reload };
}

/**
 * Thumbnails of the tiles on screen: the ones the library has not made yet
 * are asked for in one batch (made in the main process's image worker),
 * and remembered for the session.
 */
export function useThumbnails(): { urlOf(item: LibraryItem): string | null; want(items: readonly LibraryItem[]): void } {
  const [made, setMade] = useState(() => new Map<string, string | null>());
  const requested = useRef(new Set<string>());
  const queue = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const batch = queue.current.splice(0, 200);
    if (batch.length === 0) return;
    void unwrap(mobius().library.thumbnails({ asset_ids: batch }))
      .then(({ thumbnails }) =>
        setMade((current) => {
          const next = new Map(current);
          for (const t of thumbnails) next.set(t.asset_id, t.url);
          return next;
        }),
      )
      .catch(() => batch.forEach((id) => requested.current.delete(id)))
      .finally(() => {
        if (queue.current.length > 0) timer.current = setTimeout(flush, 0);
      });
  }, []);

  const want = useCallback(
    (items: readonly LibraryItem[]) => {
      for (const item of items) {
        if (item.thumb_url || requested.current.has(item.asset_id)) continue;
        requested.current.add(item.asset_id);
        queue.current.push(item.asset_id);
      }
      if (queue.current.length > 0 && timer.current === null) timer.current = setTimeout(flush, 60);
    },
    [flush],
  );

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  return { urlOf: (item) => item.thumb_url ?? made.get(item.asset_id) ?? null, want };
}
