// Brand-twin extraction quality, measured: colour F1, strict role accuracy, font F1 and colour-name
// accuracy (the definitions of ../shared/eval's scorers), plus the brand's own name and the logo
// files found (IoU with where the generator drew them), per file and in total — on a corpus of guideline PDFs generated from a seed with exact truth, and on ../shared/eval
// when it is present (its PDFs are read in place, never copied).
// Usage: npm run eval:ingest -- [--seed N] [--count N] [--only ID,...] [--out DIR] [--online]
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createGeminiClient, fileStoreImageSink } from '../electron/core/gemini';
import { ingestPdf } from '../electron/core/ingest';
import { runLocalExtraction, stopEvidenceWorker, type LocalRun } from '../electron/core/ingest/collect-evidence';
import { createMemoryLogger } from '../electron/core/log';
import { openStore } from '../electron/core/store';
import { Settings } from '../shared/schema/settings';
import type { BrandGuidelines } from '../shared/schema';
import { startFakeGemini } from '../test/fakes/gemini-server';
import { INVENTED_FONTS, carelessGuidelines, extractionReply, sha256, type ExtractionModel, type ExtractionTruth } from '../test/fakes/gemini-server/extraction-models';
import { DEFAULT_COUNT, DEFAULT_SEED, generateCorpusDocument } from '../test/fixtures/pdf/corpus';
import { brandNameMatches, scoreDocument, totals, type DocumentScore, type Prediction, type Truth } from '../test/support/extraction-score';
import { scoreLogos, type PlacedLogo } from '../test/support/logo-score';

interface Args {
  seed: number;
  count: number;
  only: Set<string> | null;
  out: string | null;
  online: boolean;
  shared: string;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    seed: Number(value('--seed') ?? DEFAULT_SEED),
    count: Number(value('--count') ?? DEFAULT_COUNT),
    only: value('--only') ? new Set(value('--only')!.split(',')) : null,
    out: value('--out') ?? null,
    online: argv.includes('--online'),
    shared: resolve(import.meta.dirname, '..', value('--shared') ?? '../shared/eval'),
  };
}

export interface EvalDocument {
  id: string;
  file: string;
  bytes: Uint8Array;
  truth: Truth;
  features: string;
  /** Where the generator drew the logo (generated documents only). */
  logos?: PlacedLogo[];
}

interface Row {
  doc: EvalDocument;
  score: DocumentScore;
  brand: string;
  brandOk: boolean;
  ms: number;
  guidelines?: BrandGuidelines;
  run?: LocalRun;
}

export function predictionOf(guidelines: { colors: { hex: string; usage: string; name: string }[]; typography: { family: string }[] }): Prediction {
  return { colors: guidelines.colors.map((c) => ({ hex: c.hex, role: c.usage, name: c.name })), fonts: guidelines.typography.map((t) => t.family) };
}

/** The name ingestion gives the brand: the document's own name, else the file name. */
export function brandNameOf(run: LocalRun, file: string): string {
  return run.extraction.brand_name ?? file.replace(/\.pdf$/i, '');
}

const fmt = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));

function printTable(title: string, rows: Row[]): void {
  console.log(`\n## ${title}\n`);
  console.log(`${'document'.padEnd(44)} ${'features'.padEnd(52)} C tp/fp/fn  C F1   roles       F tp/fp/fn  F F1   names       brand`);
  for (const r of rows) {
    const s = r.score;
    const t = totals([s]);
    console.log(
      `${r.doc.id.slice(0, 44).padEnd(44)} ${r.doc.features.slice(0, 52).padEnd(52)} ${`${s.colors.tp}/${s.colors.fp}/${s.colors.fn}`.padEnd(11)} ${fmt(t.colorF1)}  ${`${s.roles.strict}/${s.roles.n}`.padEnd(11)} ${`${s.fonts.tp}/${s.fonts.fp}/${s.fonts.fn}`.padEnd(11)} ${fmt(t.fontF1)}  ${`${s.names.ok}/${s.names.n}`.padEnd(11)} ${r.brandOk ? 'ok' : `✗ "${r.brand}"`}`,
    );
  }
  const t = totals(rows.map((r) => r.score));
  const brandOk = rows.filter((r) => r.brandOk).length;
  const sum = (f: (s: DocumentScore) => number) => rows.reduce((a, r) => a + f(r.score), 0);
  console.log(
    `${'TOTAL'.padEnd(97)} ${`${sum((s) => s.colors.tp)}/${sum((s) => s.colors.fp)}/${sum((s) => s.colors.fn)}`.padEnd(11)} ${fmt(t.colorF1)}  ${`${sum((s) => s.roles.strict)}/${sum((s) => s.roles.n)}`.padEnd(11)} ${`${sum((s) => s.fonts.tp)}/${sum((s) => s.fonts.fp)}/${sum((s) => s.fonts.fn)}`.padEnd(11)} ${fmt(t.fontF1)}  ${`${sum((s) => s.names.ok)}/${sum((s) => s.names.n)}`.padEnd(11)} ${brandOk}/${rows.length}`,
  );
  console.log(`\ncolour F1 ${fmt(t.colorF1)} · strict roles ${fmt(t.roleStrict)} · font F1 ${fmt(t.fontF1)} · names ${fmt(t.names)} · brand names ${(brandOk / Math.max(1, rows.length)).toFixed(3)}`);
}

const box3 = (b: { x: number; y: number; w: number; h: number }) => [b.x, b.y, b.w, b.h].map((v) => v.toFixed(3)).join(',');

/**
 * Logo files found offline: on generated documents, the IoU of the primary in use with the logo
 * drawn there and whether each drawn variant has a matching file; on the others, what was found
 * (look at the PNGs written with --out).
 */
function printLogos(rows: Row[]): void {
  console.log('\nLogos (offline):');
  const scored = rows.filter((r) => r.doc.logos && r.doc.logos.length > 0);
  for (const r of rows) {
    const found = r.run?.logos ?? [];
    const list = found.map((l) => `${l.variant}@p${l.page}[${box3(l.box)}] ${l.confidence.toFixed(2)}`).join(' | ');
    if (!r.doc.logos) {
      console.log(`  ${r.doc.id.slice(0, 44).padEnd(44)} ${found.length} file(s): ${list || 'none'}`);
      continue;
    }
    if (r.doc.logos.length === 0) {
      console.log(`  ${r.doc.id.slice(0, 44).padEnd(44)} (no logo drawn) ${found.length} file(s)${found.length ? `: ${list}` : ''}`);
      continue;
    }
    const s = scoreLogos(r.doc.logos, found);
    const variants = s.variants.map((v) => `${v.variant} ${v.found ? 'ok' : '✗'}`).join(', ');
    console.log(`  ${r.doc.id.slice(0, 44).padEnd(44)} primary IoU ${s.primaryIou.toFixed(2)} · ${variants} · ${s.wrong} other file(s)`);
  }
  if (scored.length === 0) return;
  const scores = scored.map((r) => scoreLogos(r.doc.logos!, r.run?.logos ?? []));
  const good = scores.filter((s) => s.primaryIou >= 0.8).length;
  const variants = scores.flatMap((s) => s.variants);
  const mean = scores.reduce((a, s) => a + s.primaryIou, 0) / scores.length;
  console.log(
    `\nlogos: primary IoU ≥ 0.8 in ${good}/${scores.length} documents (mean ${mean.toFixed(3)}) · drawn variants with a matching file ${variants.filter((v) => v.found).length}/${variants.length} · other files ${scores.reduce((a, s) => a + s.wrong, 0)}`,
  );
}

function printMisses(rows: Row[]): void {
  for (const r of rows) {
    const s = r.score;
    const parts = [
      s.colors.fnHex.length ? `missed ${s.colors.fnHex.join(' ')}` : '',
      s.colors.fpHex.length ? `extra ${s.colors.fpHex.join(' ')}` : '',
      s.roles.wrong.length ? `roles ${s.roles.wrong.join(' ')}` : '',
      s.fonts.fnNames.length ? `fonts missed ${s.fonts.fnNames.join(', ')}` : '',
      s.fonts.fpNames.length ? `fonts extra ${s.fonts.fpNames.join(', ')}` : '',
      s.names.wrong.length ? `names ${s.names.wrong.join('; ')}` : '',
    ].filter(Boolean);
    if (parts.length > 0) console.log(`  ${r.doc.id}: ${parts.join(' | ')}`);
  }
}

async function offline(docs: EvalDocument[], out: string | null): Promise<Row[]> {
  const rows: Row[] = [];
  for (const doc of docs) {
    const started = performance.now();
    const run = await runLocalExtraction(doc.bytes, { filename: doc.file });
    const ms = performance.now() - started;
    const brand = brandNameOf(run, doc.file);
    if (out) await writeFile(join(out, `${basename(doc.file, '.pdf')}.json`), JSON.stringify({ name: brand, guidelines: run.extraction.guidelines, needs_review: run.extraction.needs_review }, null, 1));
    if (out) for (const [i, logo] of run.logos.entries()) await writeFile(join(out, `${basename(doc.file, '.pdf')}.logo-${i + 1}-${logo.variant}.png`), logo.png);
    rows.push({ doc, score: scoreDocument(doc.truth, predictionOf(run.extraction.guidelines)), brand, brandOk: brandNameMatches(doc.truth.brand, brand), ms, guidelines: run.extraction.guidelines, run });
  }
  return rows;
}

export async function generatedDocuments(args: Pick<Args, 'seed' | 'count' | 'only'>): Promise<EvalDocument[]> {
  const docs: EvalDocument[] = [];
  for (let i = 0; i < args.count; i++) {
    const d = await generateCorpusDocument(args.seed, i);
    if (args.only && !args.only.has(d.spec.id)) continue;
    docs.push({ id: d.spec.id, file: d.spec.file, bytes: d.bytes, truth: d.truth as Truth, features: d.truth.features.join(','), logos: d.truth.logos });
  }
  return docs;
}

async function sharedDocuments(dir: string, only: Set<string> | null): Promise<EvalDocument[]> {
  if (!existsSync(join(dir, 'pdfs')) || !existsSync(join(dir, 'truth'))) return [];
  const docs: EvalDocument[] = [];
  for (const file of (await readdir(join(dir, 'pdfs'))).filter((f) => f.endsWith('.pdf')).sort()) {
    const id = basename(file, '.pdf');
    if (only && !only.has(id)) continue;
    const truthPath = join(dir, 'truth', `${id}.json`);
    if (!existsSync(truthPath)) continue;
    const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth & { language?: string; text_layer?: string };
    docs.push({ id, file, bytes: new Uint8Array(await readFile(join(dir, 'pdfs', file))), truth, features: [truth.language, truth.text_layer].filter(Boolean).join(', ') });
  }
  return docs;
}

interface OnlineResult {
  rows: Row[];
  /** Careless model: problems found (an invented value marked verified, a stated name or role overridden). */
  violations: string[];
  /** Documents whose model reply was refused or unusable, so the twin fell back to local-only (the strict fake rejects what the live API rejects). */
  fallbacks: string[];
}

/** Ingest every document through the real client against the fake server playing one extraction model. */
async function online(model: ExtractionModel, docs: EvidenceDocs, offlineRows: Row[]): Promise<OnlineResult> {
  const fake = await startFakeGemini();
  const dataDir = mkdtempSync(join(tmpdir(), 'mobius-eval-'));
  const store = openStore({ dataDir });
  const client = createGeminiClient({
    settings: Settings.parse({}),
    apiKey: 'eval-fake-key-0123456789',
    logger: createMemoryLogger(),
    images: fileStoreImageSink(store.files),
    baseUrl: fake.baseUrl,
  });
  const truths = new Map(docs.map((d) => [sha256(d.bytes), d.truth as ExtractionTruth]));
  const rows: Row[] = [];
  const violations: string[] = [];
  const fallbacks: string[] = [];
  try {
    for (const doc of docs) {
      fake.enqueue(extractionReply(model, truths));
      const started = performance.now();
      const { brand, refined } = await ingestPdf({ store, bytes: doc.bytes, gemini: { extractGuidelines: (pdf, c) => client.extractGuidelines(pdf, c) } });
      const ms = performance.now() - started;
      if (!refined) fallbacks.push(doc.id);
      rows.push({ doc, score: scoreDocument(doc.truth, predictionOf(brand.guidelines)), brand: brand.name, brandOk: brandNameMatches(doc.truth.brand, brand.name), ms });
      if (model === 'careless') {
        const local = offlineRows.find((r) => r.doc === doc)?.guidelines;
        violations.push(...carelessViolations(doc, brand.guidelines, local ?? null));
      }
    }
  } finally {
    store.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, violations, fallbacks };
}

type EvidenceDocs = EvalDocument[];

/** What the careless model must never achieve: invented values marked verified, stated names or roles overridden. */
function carelessViolations(doc: EvalDocument, merged: BrandGuidelines, local: BrandGuidelines | null): string[] {
  const out: string[] = [];
  const truthHexes = new Set((doc.truth.colors ?? []).map((c) => (c.hex ?? '').toUpperCase()));
  const claimed = carelessGuidelines(doc.truth as ExtractionTruth).colors as { hex: string }[];
  for (const { hex } of claimed) {
    if (truthHexes.has(hex)) continue;
    const c = merged.colors.find((x) => x.hex === hex);
    if (c?.verified && !local?.colors.some((l) => l.hex === hex)) out.push(`${doc.id}: invented ${hex} marked verified`);
  }
  for (const family of INVENTED_FONTS) if (merged.typography.some((t) => t.family === family)) out.push(`${doc.id}: invented typeface ${family} added`);
  for (const l of local?.colors ?? []) {
    const m = merged.colors.find((x) => x.hex === l.hex);
    if (!m) continue;
    const statedName = l.provenance.some((p) => p.field === 'name' && (p.source === 'text' || p.source === 'raster'));
    const statedRole = l.provenance.some((p) => p.field === 'usage' && p.source === 'text') && l.confidence >= 0.7;
    if (statedName && m.name !== l.name) out.push(`${doc.id}: stated name of ${l.hex} "${l.name}" overridden by "${m.name}"`);
    if (statedRole && m.usage !== l.usage) out.push(`${doc.id}: stated role of ${l.hex} (${l.usage}) overridden by ${m.usage}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const generated = await generatedDocuments(args);
  const shared = await sharedDocuments(args.shared, args.only);
  const outGenerated = args.out ? join(args.out, 'generated') : null;
  const outShared = args.out ? join(args.out, 'shared') : null;
  for (const dir of [outGenerated, outShared]) if (dir) await mkdir(dir, { recursive: true });

  const sets: [string, EvalDocument[], string | null][] = [[`Generated corpus (seed ${args.seed}, ${generated.length} PDFs)`, generated, outGenerated]];
  if (shared.length > 0) sets.push([`../shared/eval (${shared.length} PDFs)`, shared, outShared]);
  else console.log('\n../shared/eval is not present: only the generated corpus was measured.');
  const failures: string[] = [];
  for (const [title, docs, out] of sets) {
    const rows = await offline(docs, out);
    printTable(`${title}, offline`, rows);
    printMisses(rows);
    printLogos(rows);
    if (!args.online) continue;
    for (const model of ['oracle', 'careless'] as const) {
      const result = await online(model, docs, rows);
      printTable(`${title}, --online with the ${model} model (fake Gemini)`, result.rows);
      printMisses(result.rows);
      console.log(result.fallbacks.length === 0 ? `${model}: every request accepted and every reply used — PASS` : `${model}: fell back to local-only on ${result.fallbacks.join(', ')} — FAIL`);
      if (result.fallbacks.length > 0) failures.push(`model replies not used on ${title} (${model})`);
      if (model === 'oracle') {
        const t = totals(result.rows.map((r) => r.score));
        const low = Object.entries(t).filter(([, v]) => v !== null && v < 0.98);
        console.log(low.length === 0 ? 'oracle: every metric ≥ 0.98 — PASS' : `oracle: below 0.98: ${low.map(([k, v]) => `${k} ${v!.toFixed(3)}`).join(', ')} — FAIL`);
        if (low.length > 0 && title.startsWith('../shared')) failures.push('oracle below 0.98 on ../shared/eval');
      } else {
        console.log(result.violations.length === 0 ? 'careless: nothing invented marked verified, no stated name or role overridden — PASS' : `careless — FAIL:\n  ${result.violations.join('\n  ')}`);
        if (result.violations.length > 0) failures.push(`careless violations on ${title}`);
      }
    }
  }
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
await stopEvidenceWorker();
