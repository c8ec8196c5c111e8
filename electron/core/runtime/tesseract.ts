import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Worker as TesseractWorker } from 'tesseract.js';
import { unpackedPath } from './asar';

// Not named `require`: electron-vite's ESM shim declares one in the bundled chunk.
const resolveFromHere = createRequire(import.meta.url);

/** English LSTM data from @tesseract.js-data/eng in node_modules (app.asar.unpacked when packaged) — never the network. */
function englishDataPath(): string {
  return unpackedPath(join(dirname(resolveFromHere.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int'));
}

export interface OcrSlot {
  /** The thread's tesseract worker, created on first use. */
  get(): Promise<TesseractWorker>;
  close(): Promise<void>;
}

/** One lazily started English tesseract worker per owner (the ingest and audit workers each keep one). */
export function englishOcrSlot(configure?: (worker: TesseractWorker) => Promise<void>): OcrSlot {
  let worker: Promise<TesseractWorker> | null = null;
  return {
    get() {
      worker ??= (async () => {
        const { createWorker, OEM } = await import('tesseract.js');
        const created = await createWorker('eng', OEM.LSTM_ONLY, { langPath: englishDataPath(), cacheMethod: 'none', gzip: true });
        await configure?.(created);
        return created;
      })();
      return worker;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await (await w).terminate().catch(() => undefined);
    },
  };
}
