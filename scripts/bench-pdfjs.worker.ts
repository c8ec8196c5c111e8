// The benchmark's baseline: pdf.js alone parsing every page (operator list + text content), in a
// worker thread like our evidence reader, at the same background priority, so both are timed in the same conditions.
import { parentPort } from 'node:worker_threads';
import { documentOptions, loadPdfJs } from '../electron/core/ingest/pdf-evidence';
import { runBehindCallingThread } from '../electron/core/workers/background-priority';

runBehindCallingThread();

parentPort?.on('message', async (bytes: Uint8Array) => {
  const pdfjs = await loadPdfJs();
  const started = performance.now();
  const task = pdfjs.getDocument(documentOptions(bytes));
  const doc = await task.promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await page.getOperatorList();
    await page.getTextContent();
    page.cleanup();
  }
  await task.destroy();
  parentPort?.postMessage(performance.now() - started);
});
