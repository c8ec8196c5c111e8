// A Mobius process for the crash-safety test: resume unfinished jobs, submit
// one (idempotency key from argv), run until idle. The test SIGKILLs it at
// random points. Prints one line per event so the parent can time the kill.
import { Settings } from '../../../shared/schema/settings';
import { AuditPipeline } from '../../../electron/core/audit/pipeline';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { probeEndpoint } from '../../../electron/core/gemini/endpoint';
import { nullLogger } from '../../../electron/core/log';
import { openStore } from '../../../electron/core/store';
import { createWorkflowClient, JobRunner } from '../../../electron/core/workflow';

const [dataDir, baseUrl, key] = process.argv.slice(2) as [string, string, string | undefined];
const store = openStore({ dataDir });
const settings = Settings.parse({ gemini_base_url: baseUrl, request_timeout_ms: 5_000, generation_timeout_ms: 5_000 });
const { gemini, gate } = createWorkflowClient({ settings, apiKey: 'crash-key', logger: nullLogger, files: store.files, baseUrl, retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 } });
const audit = new AuditPipeline({ auditor: new PixelAuditor(), settings: { get: () => settings }, ocr: false });
const runner = new JobRunner({ store, gemini, gate, settings: () => settings, audit, probe: () => probeEndpoint(baseUrl), offlinePollMs: 20 });
runner.subscribe((e) => process.stdout.write(`event ${e.type === 'job.updated' ? e.status : e.type}\n`));
process.stdout.write('ready\n');
await runner.resumeUnfinished();
if (key) {
  const brand = store.brands.list()[0]!;
  runner.submit({ brand_id: brand.brand_id, prompt: `Poster ${key}`, idempotency_key: key });
}
await runner.idle();
await runner.stop();
store.close();
process.stdout.write('done\n');
process.exit(0);
