import type { ParsedRequest, Response } from '../../../shared/ipc';
import type { AssetHistory, LibraryPage } from '../../../shared/schema';
import { assetHistory, toLibraryItem, type FileUrl } from '../library/history';
import type { ReauditRunner } from '../library/reaudit';
import type { Thumbnails } from '../library/thumbnails';
import type { Store } from '../store';

/** The most assets one batch (re-audit, export) takes from a filter. */
export const BATCH_LIMIT = 10_000;

export interface LibraryServiceOptions {
  store: Store;
  thumbnails: Thumbnails;
  reaudits: ReauditRunner;
  fileUrl: FileUrl;
}

/**
 * The `library.*` operations: the asset library across brands (filters,
 * search, sort, paging), thumbnails, an asset's history, background re-audits
 * of stale assets, and what each brand spends per month.
 */
export class LibraryService {
  constructor(private readonly o: LibraryServiceOptions) {}

  async query(query: ParsedRequest<'library.query'>): Promise<LibraryPage> {
    const { store } = this.o;
    if (query.brand_id !== undefined) store.brands.require(query.brand_id);
    // One read transaction: the counts and the page describe the same moment.
    return store.transaction(() => {
      const counts = store.library.counts(query);
      const items = store.library.page(query).map((r) => toLibraryItem(r, this.o.fileUrl));
      return { items, total: counts.total, offset: query.offset, counts: counts.byStatus, stale_count: counts.stale };
    });
  }

  async history({ asset_id }: ParsedRequest<'library.history'>): Promise<AssetHistory> {
    return assetHistory(this.o.store, asset_id, this.o.fileUrl);
  }

  async thumbnails({ asset_ids }: ParsedRequest<'library.thumbnails'>): Promise<Response<'library.thumbnails'>> {
    const records = this.o.store.library.records(asset_ids);
    const made = await this.o.thumbnails.ensure(records.map((r) => ({ sha256: r.sha256, ext: r.file_ext })));
    const bySha = new Map(records.map((r) => [r.asset_id, r.sha256]));
    return {
      thumbnails: asset_ids.map((asset_id) => {
        const thumb = made.get(bySha.get(asset_id) ?? '');
        return { asset_id, url: thumb ? this.o.fileUrl(thumb.sha256, thumb.ext) : null };
      }),
    };
  }

  async reaudit({ reaudit_id, asset_ids, filter }: ParsedRequest<'library.reaudit'>): Promise<Response<'library.reaudit'>> {
    if (filter?.brand_id !== undefined) this.o.store.brands.require(filter.brand_id);
    const ids = asset_ids ?? this.o.store.library.ids(filter ?? {}, BATCH_LIMIT);
    for (const id of asset_ids ?? []) this.o.store.assets.require(id);
    const { total } = this.o.reaudits.start(reaudit_id, ids);
    return { reaudit_id, total };
  }

  async cancelReaudit({ reaudit_id }: ParsedRequest<'library.cancelReaudit'>): Promise<{ cancelled: boolean }> {
    return { cancelled: this.o.reaudits.cancel(reaudit_id) };
  }

  async costs({ brand_id }: ParsedRequest<'library.costs'>): Promise<Response<'library.costs'>> {
    if (brand_id !== undefined) this.o.store.brands.require(brand_id);
    const months = this.o.store.library.monthlyCosts(brand_id);
    return { months, total_usd: months.reduce((sum, m) => sum + m.usd, 0) };
  }
}
