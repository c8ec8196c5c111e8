/**
 * npm run eval:audit — the offline audit's decisions on the generated corpus
 * (test/fixtures/audit-corpus): six synthetic brands, ≥ 250 images, exact
 * truth. Prints decision accuracy, false approvals/rejections, off-palette
 * region IoU, role-share error, low-contrast text recall and (logo cases) the
 * logo's location IoU and the findings that decided per case, and
 * writes every image's result to a JSON report.
 *
 *   npm run eval:audit -- [--brands a,b] [--cases x,y] [--no-ocr] [--out file.json] [--seed N] [--misses]
 *
 * The audit runs as `mobius audit --offline` runs it: decode and measure in
 * the audit worker (with text recognition for labels), pixel score, default
 * threshold.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PixelAuditor } from '../electron/core/audit/pixel-audit';
import { buildPixelScore } from '../electron/core/audit/score';
import { CORPUS_BRANDS, corpus, type CorpusImage } from '../test/fixtures/audit-corpus/corpus';
import { scoreImage, summarise, table, type ImageResult } from '../test/fixtures/audit-corpus/evaluate';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

async function main(): Promise<void> {
  const out = arg('out') ?? 'test-results/eval-audit.json';
  const ocr = !process.argv.includes('--no-ocr');
  const seed = arg('seed') ? Number(arg('seed')) : undefined;
  const brands = list(arg('brands'));
  const cases = list(arg('cases'));
  const auditor = new PixelAuditor();
  const guidelinesOf = new Map(CORPUS_BRANDS.map((b) => [b.id, b]));
  const results: ImageResult[] = [];
  const t0 = performance.now();

  // Generate the next image while the worker audits the current one.
  const images = corpus({ ...(seed !== undefined ? { seed } : {}), ...(brands ? { brands } : {}), ...(cases ? { cases } : {}) });
  let next: Promise<IteratorResult<CorpusImage>> = images.next();
  for (;;) {
    const item = await next;
    if (item.done) break;
    next = images.next();
    const { truth, bytes } = item.value;
    const brand = guidelinesOf.get(truth.brand)!;
    // Logo cases audit against the brand with its logo file and logo rules.
    const guidelines = item.value.guidelines ?? brand.guidelines;
    const started = performance.now();
    const measured = await auditor.measure(bytes, guidelines, { ocr, logotypes: [brand.name], logos: item.value.logos ?? [] });
    const score = buildPixelScore(measured, guidelines, { brandVersion: 1 });
    const result = scoreImage(truth, score, performance.now() - started);
    results.push(result);
    if (!result.correct) {
      process.stderr.write(`  ✗ ${truth.id}: expected ${truth.expected}, ${score.approved ? 'approved' : 'not approved'} (${score.overall_score}) ${[...result.blocking, ...result.critical].join(' ')}\n`);
    }
    if (results.length % 25 === 0) process.stderr.write(`  … ${results.length} images\n`);
  }
  await auditor.close();

  const summary = summarise(results);
  console.log(`Audit evaluation: ${results.length} images, ${CORPUS_BRANDS.length} brands, OCR labels ${ocr ? 'on' : 'off'}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(table(results));
  console.log(
    `\ndecision accuracy ${summary.accuracy.toFixed(3)} · false approvals ${summary.false_approvals} · false rejections ${summary.false_rejections} (${(summary.false_rejection_rate * 100).toFixed(1)} % of on-brand images)` +
      ` · mean region IoU ${summary.mean_region_iou?.toFixed(3) ?? '–'} over ${summary.regions} regions · role shares max error ${summary.max_role_error_pp?.toFixed(2) ?? '–'} pp (mean ${summary.mean_role_error_pp?.toFixed(2) ?? '–'})` +
      ` · low-contrast text recall ${summary.low_text_recall?.toFixed(3) ?? '–'} over ${summary.low_texts} · OCR_FAILED ${summary.ocr_failed} · median ${summary.median_ms.toFixed(0)} ms/image`,
  );
  const logo = summarise(results.filter((r) => r.case.startsWith('logo-')));
  if (logo.images > 0) {
    console.log(
      `logo cases: ${logo.images} images · decisions right ${(logo.accuracy * 100).toFixed(1)} % · false approvals ${logo.false_approvals} · false rejections ${logo.false_rejections}` +
        ` · location IoU mean ${logo.mean_logo_iou?.toFixed(3) ?? '–'}, ≥ 0.8 in ${logo.logo_located}/${logo.logo_present} where present · median logo matching ${logo.median_logo_ms?.toFixed(0) ?? '–'} ms`,
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ summary, results }, null, 1)}\n`);
  console.log(`Report: ${out}`);
}

await main();
