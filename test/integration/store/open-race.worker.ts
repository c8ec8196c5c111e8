import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../../electron/core/store';

// Opens the library and writes one brand, as a second app/CLI process would.
const { dataDir, name } = workerData as { dataDir: string; name: string };
try {
  const store = openStore({ dataDir });
  store.brands.create({ name, guidelines: {}, compressed_twin: null });
  store.close();
  parentPort?.postMessage({ ok: true });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: String(error), code: (error as { code?: string }).code });
}
