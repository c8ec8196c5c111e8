// `npm run bench:jobs`: N generation jobs through the real runner against the fake Gemini
// (in a child process, so its work does not count against our event loop) with injected
// latency on every model call. Reports throughput against the ideal bound set by the
// per-model concurrency limits, model calls per approved asset, and main-thread stalls.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BrandGuidelines } from '../shared/schema/brand';
import { Settings } from '../shared/schema/settings';
import { deriveCompressedTwin } from '../shared/twin';
import { AuditPipeline, PixelAuditor } from '../electron/core/audit';
import { probeEndpoint } from '../electron/core/gemini';
import { nullLogger } from '../electron/core/log';
import { openStore } from '../electron/core/store';
import { createWorkflowClient, JobRunner } from '../electron/core/workflow';
import { DEFAULT_GUIDELINES, startFakeGemini, type FakeReply } from '../test/fakes/gemini-server';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
    latency: { type: 'string', default: '200' },
    'correct-every': { type: 'string', default: '5' },
    fake: { type: 'boolean', default: false },
  },
});
const latency = Number(values.latency);

if (values.fake) {
  // Child mode: the fake server. Every Nth generation is off-palette (so it gets corrected once).
  const every = Number(values['correct-every']);
  const fake = await startFakeGemini({ imageScale: 1 / 16 });
  let generations = 0;
  const reply = (): FakeReply => ({
    kind: 'custom',
    handle: (request) => {
      const isImage = request.model.includes('image');
      const isEdit = (request.body.contents?.length ?? 0) > 1;
      let then: FakeReply | undefined;
      if (isImage && !isEdit && every > 0 && generations++ % every === 0) {
        then = { kind: 'image', composition: { offPalette: { hex: '#00C853', box: { x: 0.45, y: 0, w: 0.55, h: 0.55 } } } };
      }
      return { kind: 'hang', ms: latency, ...(then ? { then } : {}) };
    },
  });
  fake.enqueue(Array.from({ length: 10_000 }, reply));
  process.stdout.write(`${fake.baseUrl}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
} else {
  await bench();
}

async function bench(): Promise<void> {
  const jobs = Number(values.jobs);
  const concurrency = Number(values.concurrency);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--fake', '--latency', String(latency), '--correct-every', values['correct-every']!], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mobius-bench-jobs-'));
  try {
    const store = openStore({ dataDir });
    const guidelines = BrandGuidelines.parse(DEFAULT_GUIDELINES);
    const brand = store.brands.create({ name: 'Bench', guidelines, compressed_twin: deriveCompressedTwin(guidelines) });
    const settings = Settings.parse({ gemini_base_url: baseUrl, vision_concurrency: concurrency, reasoning_concurrency: concurrency, request_timeout_ms: 30_000, generation_timeout_ms: 30_000 });
    const { gemini, gate } = createWorkflowClient({ settings, apiKey: 'bench-key', logger: nullLogger, files: store.files, baseUrl });
    const auditor = new PixelAuditor();
    const audit = new AuditPipeline({ auditor, settings: { get: () => settings }, ocr: false });
    const runner = new JobRunner({ store, gemini, gate, settings: () => settings, audit, probe: () => probeEndpoint(baseUrl) });

    // Warm the audit worker and the connection pool so start-up is not billed to throughput.
    await runner.waitFor(runner.submit({ brand_id: brand.brand_id, prompt: 'warm-up' }).job_id);
    const warmCalls = gate.stats.requests;

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    let maxGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last - 5);
      last = now;
    }, 5);
    histogram.enable();
    const started = performance.now();
    // Submissions arrive one per event-loop turn, as they do from the UI or IPC.
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++) {
      ids.push(runner.submit({ brand_id: brand.brand_id, prompt: `Poster ${i}` }).job_id);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const submitMs = performance.now() - started;
    const results = await Promise.all(ids.map((id) => runner.waitFor(id)));
    const elapsed = performance.now() - started;
    histogram.disable();
    clearInterval(ticker);

    const approved = results.filter((j) => j.status === 'approved').length;
    const imageCalls = results.reduce((n, j) => n + j.attempt_count, 0);
    const auditCalls = imageCalls;
    const calls = gate.stats.requests - warmCalls;
    // Ideal: each model's calls spread perfectly over its concurrency slots, plus the one call of the other model the last job still needs.
    const idealMs = (Math.max(Math.ceil(imageCalls / concurrency), Math.ceil(auditCalls / concurrency)) + 1) * latency;
    const ratio = idealMs / elapsed;
    const report = {
      jobs,
      concurrency_per_model: concurrency,
      latency_ms: latency,
      approved,
      needs_review: results.filter((j) => j.status === 'needs_review').length,
      failed: results.filter((j) => j.status === 'failed').length,
      elapsed_ms: Math.round(elapsed),
      submit_ms: Math.round(submitMs),
      ideal_ms: idealMs,
      throughput_jobs_per_s: Math.round((jobs / elapsed) * 1e4) / 10,
      ideal_jobs_per_s: Math.round((jobs / idealMs) * 1e4) / 10,
      throughput_vs_ideal: Math.round(ratio * 1000) / 1000,
      model_calls: calls,
      model_calls_per_approved_asset: approved ? Math.round((calls / approved) * 100) / 100 : null,
      max_in_flight: gate.stats.maxInFlight,
      event_loop_max_stall_ms: Math.round(Math.max(histogram.max / 1e6, maxGap) * 10) / 10,
      event_loop_p99_ms: Math.round((histogram.percentile(99) / 1e6) * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const ok = ratio >= 0.8 && report.event_loop_max_stall_ms <= 50 && report.failed === 0;
    process.stdout.write(ok ? 'PASS: ≥ 80 % of the ideal bound, no main-thread stall > 50 ms\n' : 'FAIL: below budget (≥ 80 % of ideal, stall ≤ 50 ms)\n');
    await runner.stop();
    await auditor.close();
    store.close();
    process.exitCode = ok ? 0 : 1;
  } finally {
    child.stdin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
