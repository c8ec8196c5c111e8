// npm run bench:renderer — the renderer's initial JavaScript, gzip-compressed,
// against the 300 KB budget (docs/ARCHITECTURE.md, "Budgets"). Initial = the entry script of
// index.html plus every chunk it preloads; lazy chunks are listed separately.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { webRendererConfig } from './web-renderer';

const BUDGET_KB = 300;
const outDir = mkdtempSync(path.join(tmpdir(), 'mobius-bench-renderer-'));
try {
  await build(webRendererConfig({ outDir }));
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const all = readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gz = (file: string) => gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length / 1024;
  let total = 0;
  for (const file of all) {
    const size = gz(file);
    const raw = readFileSync(path.join(outDir, file)).length / 1024;
    if (initial.has(file)) total += size;
    process.stdout.write(`${initial.has(file) ? 'initial' : 'lazy   '}  ${file.padEnd(40)} ${raw.toFixed(1).padStart(8)} KB raw  ${size.toFixed(1).padStart(7)} KB gzip\n`);
  }
  const verdict = total <= BUDGET_KB ? 'within' : 'OVER';
  process.stdout.write(`\nrenderer initial JS: ${total.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB, ${(total / BUDGET_KB).toFixed(2)}× of budget) — ${verdict} budget\n`);
  if (total > BUDGET_KB) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
