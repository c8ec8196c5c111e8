// Local ingestion benchmark: per file, the time of our extraction (worker evidence + local
// extraction) against pdf.js alone parsing the same pages (text content + operator lists) in
// the same run, and the calling thread's event-loop lag while ingesting.
// Usage: npm run bench:ingest -- [folder-of-pdfs]   (a generated 100-page PDF is always included)
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runLocalExtraction, stopEvidenceWorker } from '../electron/core/ingest/collect-evidence';
import { documentOptions, loadPdfJs } from '../electron/core/ingest/pdf-evidence';
import { generateBrandPdf } from '../test/fixtures/pdf/brand-pdf';

const RUNS = 3;

async function pdfjsAlone(bytes: Uint8Array): Promise<number> {
  const pdfjs = await loadPdfJs();
  const started = performance.now();
  const task = pdfjs.getDocument(documentOptions(new Uint8Array(bytes)));
  const doc = await task.promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await page.getOperatorList();
    await page.getTextContent();
    page.cleanup();
  }
  await task.destroy();
  return performance.now() - started;
}

async function ours(bytes: Uint8Array): Promise<{ ms: number; maxLagMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  await runLocalExtraction(bytes);
  const ms = performance.now() - started;
  histogram.disable();
  return { ms, maxLagMs: histogram.max / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(name: string, bytes: Uint8Array): Promise<void> {
  await ours(bytes); // warm: worker start-up and module loading are paid once per app session
  await pdfjsAlone(bytes);
  const base: number[] = [];
  const mine: number[] = [];
  let lag = 0;
  for (let i = 0; i < RUNS; i++) {
    base.push(await pdfjsAlone(bytes));
    const r = await ours(bytes);
    mine.push(r.ms);
    lag = Math.max(lag, r.maxLagMs);
  }
  const b = median(base);
  const m = median(mine);
  console.log(`${name.padEnd(48)} ours ${m.toFixed(0).padStart(6)} ms   pdf.js ${b.toFixed(0).padStart(6)} ms   ratio ${(m / b).toFixed(2)}   max event-loop lag ${lag.toFixed(1)} ms`);
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  const generated = await generateBrandPdf({
    colors: [
      { name: 'Ocean Blue', hex: '#0057B8', role: 'primary', notation: 'hex' },
      { name: 'Sun', hex: '#FFC300', role: 'accent', notation: 'rgb-only' },
      { name: 'Charcoal', hex: '#333333', role: 'neutral', notation: 'hex-bare' },
    ],
    fonts: [{ family: 'Lato', label: 'Primary font' }],
    dos: ['keep the logo on white'],
    donts: ['rotate the logo'],
    misuseColors: ['#7F00FF'],
    layout: 'table',
    specimen: true,
    extraPages: 95,
  });
  await bench('generated-100-pages.pdf', generated.bytes);
  if (folder) {
    for (const file of (await readdir(folder)).filter((f) => f.toLowerCase().endsWith('.pdf')).sort()) {
      await bench(file, new Uint8Array(await readFile(join(folder, file))));
    }
  }
}

await main();
await stopEvidenceWorker();
