// Run the local (offline) extractor on every PDF in a folder and write one Brand-guidelines
// JSON per PDF, in the format ../shared/eval/score_extraction.py reads.
// Usage: npx tsx scripts/eval-extraction.ts <pdf-folder> <out-folder>
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runLocalExtraction, stopEvidenceWorker } from '../electron/core/ingest/collect-evidence';

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: tsx scripts/eval-extraction.ts <pdf-folder> <out-folder>');
    process.exit(2);
  }
  await mkdir(output, { recursive: true });
  const files = (await readdir(input)).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
  for (const file of files) {
    const started = performance.now();
    const run = await runLocalExtraction(new Uint8Array(await readFile(join(input, file))), { filename: file });
    const { guidelines, needs_review } = run.extraction;
    const name = basename(file, '.pdf');
    await writeFile(join(output, `${name}.json`), JSON.stringify({ guidelines, needs_review }, null, 2));
    console.error(`${file}: ${guidelines.colors.length} colours, ${guidelines.typography.length} typefaces, ${guidelines.rules.length} rules in ${Math.round(performance.now() - started)} ms`);
  }
}

await main();
await stopEvidenceWorker();
