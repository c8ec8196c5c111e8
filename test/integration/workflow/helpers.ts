import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrandGuidelines } from '../../../shared/schema/brand';
import { Settings, type SettingsPatch } from '../../../shared/schema/settings';
import { deriveCompressedTwin } from '../../../shared/twin';
import { createMemoryLogger } from '../../../electron/core/log';
import { AuditPipeline } from '../../../electron/core/audit/pipeline';
import { PixelAuditor } from '../../../electron/core/audit/pixel-audit';
import { probeEndpoint } from '../../../electron/core/gemini';
import { openStore, type Store } from '../../../electron/core/store';
import { createWorkflowClient, JobRunner, type JobRunnerOptions, type WorkflowEvent } from '../../../electron/core/workflow';
import { DEFAULT_GUIDELINES } from '../../fakes/gemini-server';

export const TEST_KEY = 'workflow-test-key';
export const OFF_GREEN = '#00C853';

export function tempDir(prefix = 'mobius-workflow-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function createBrand(store: Store): string {
  const guidelines = BrandGuidelines.parse(DEFAULT_GUIDELINES);
  return store.brands.create({ name: 'Acme', guidelines, compressed_twin: deriveCompressedTwin(guidelines) }).brand_id;
}

/** Settings for tests: fast timeouts; the fake answers in milliseconds. */
export function testSettings(baseUrl: string, patch: SettingsPatch = {}): Settings {
  return Settings.parse({ gemini_base_url: baseUrl, request_timeout_ms: 5_000, generation_timeout_ms: 5_000, ...patch });
}

export interface Harness {
  store: Store;
  runner: JobRunner;
  gate: ReturnType<typeof createWorkflowClient>['gate'];
  brandId: string;
  events: WorkflowEvent[];
  close(): Promise<void>;
}

/** A store with one brand, a gated client against the fake and a runner using the real pixel audit (OCR off for speed). */
export function harness(
  dataDir: string,
  baseUrl: string,
  options: { settings?: SettingsPatch; apiKey?: string; fetch?: typeof fetch; auditor?: PixelAuditor; runner?: Partial<JobRunnerOptions> } = {},
): Harness {
  const store = openStore({ dataDir });
  const brandId = store.brands.list().at(0)?.brand_id ?? createBrand(store);
  const settings = testSettings(baseUrl, options.settings);
  const { gemini, gate } = createWorkflowClient({
    settings,
    apiKey: options.apiKey ?? TEST_KEY,
    logger: createMemoryLogger(),
    files: store.files,
    baseUrl,
    retryPolicy: { baseDelayMs: 5, maxDelayMs: 50 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // A harness without an auditor of its own gets one that is closed with it.
  const auditor = options.auditor ?? new PixelAuditor();
  const audit = new AuditPipeline({ auditor, settings: { get: () => settings }, ocr: false });
  const runner = new JobRunner({ store, gemini, gate, settings: () => settings, audit, probe: () => probeEndpoint(baseUrl), offlinePollMs: 20, ...options.runner });
  const events: WorkflowEvent[] = [];
  runner.subscribe((e) => events.push(e));
  return {
    store,
    runner,
    gate,
    brandId,
    events,
    async close() {
      await runner.stop();
      if (!options.auditor) await auditor.close();
      store.close();
    },
  };
}

export function filesOnDisk(dataDir: string): string[] {
  const root = path.join(dataDir, 'files');
  try {
    return readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => /[0-9a-f]{64}\./.test(path.basename(f)) || path.basename(f).startsWith('.tmp-'));
  } catch {
    return [];
  }
}
