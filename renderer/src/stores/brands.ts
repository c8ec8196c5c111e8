import { create } from 'zustand';
import type { IngestProgressEvent } from '../../../shared/ipc/contract';
import { errorMessage, mobius, unwrap } from '../ipc/client';

export interface IngestState {
  id: string;
  fileName: string;
  stage: IngestProgressEvent['stage'] | 'starting';
  percent: number;
  page?: number;
  pageCount?: number;
  error?: string;
  cancelling?: boolean;
}

/** PDF imports in progress (they outlive a visit to another screen). */
interface IngestsState {
  ingests: IngestState[];
  /** Resolves with the new brand's id, or null when the import failed (the row then shows why). */
  ingest(input: { path: string; fileName: string }): Promise<string | null>;
  cancel(id: string): Promise<void>;
  dismissIngest(id: string): void;
}

const STAGE_LABELS: Record<IngestState['stage'], string> = {
  starting: 'Starting',
  validating: 'Checking the PDF',
  reading: 'Reading pages',
  extracting: 'Finding colours, type and rules',
  refining: 'Refining with Gemini',
  saving: 'Saving the brand',
  done: 'Done',
};
export const stageLabel = (stage: IngestState['stage']) => STAGE_LABELS[stage];

export const useIngests = create<IngestsState>((set) => ({
  ingests: [],
  async ingest({ path, fileName }) {
    const id = crypto.randomUUID();
    const patch = (change: Partial<IngestState>) => set((s) => ({ ingests: s.ingests.map((i) => (i.id === id ? { ...i, ...change } : i)) }));
    set((s) => ({ ingests: [...s.ingests, { id, fileName, stage: 'starting', percent: 0 }] }));
    const off = mobius().on('ingest.progress', (p) => {
      if (p.ingest_id === id) patch({ stage: p.stage, percent: p.percent, ...(p.page ? { page: p.page } : {}), ...(p.page_count ? { pageCount: p.page_count } : {}) });
    });
    try {
      // No name: the core names the brand as the document does (the file name is its fallback).
      const result = await unwrap(mobius().brands.ingest({ path, ingest_id: id }));
      set((s) => ({ ingests: s.ingests.filter((i) => i.id !== id) }));
      return result.brand.brand_id;
    } catch (error) {
      patch({ error: errorMessage(error), cancelling: false });
      return null;
    } finally {
      off();
    }
  },
  async cancel(id) {
    set((s) => ({ ingests: s.ingests.map((i) => (i.id === id ? { ...i, cancelling: true } : i)) }));
    await mobius().brands.cancelIngest({ ingest_id: id });
  },
  dismissIngest(id) {
    set((s) => ({ ingests: s.ingests.filter((i) => i.id !== id) }));
  },
}));
