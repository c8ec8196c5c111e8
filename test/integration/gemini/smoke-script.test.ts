// `npm run smoke:gemini` is for people with a key, against the real endpoint;
// here it runs only without a key, or against the fake (never Google).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGemini, type FakeGemini } from '../../fakes/gemini-server';

const SCRIPT = fileURLToPath(new URL('../../../scripts/smoke-gemini.ts', import.meta.url));
const KEY = 'smoke-test-key-0123456789';
let fake: FakeGemini;

/** The script in a child process with only the environment given (no GEMINI_API_KEY or GOOGLE_* from the developer's shell). */
function smoke(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SCRIPT],
      { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', MOBIUS_SECRET_STORE: 'memory', ...env }, timeout: 60_000 },
      (error, stdout) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
    );
  });
}

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY, imageScale: 1 / 8 });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe('npm run smoke:gemini', () => {
  it('without a key: says what it would do, sends nothing, exits 0', async () => {
    const run = await smoke({ MOBIUS_GEMINI_BASE_URL: fake.baseUrl });
    expect(run.code).toBe(0);
    for (const step of ['countTokens', 'extract', 'generate', 'edit', 'audit']) expect(run.stdout).toContain(step);
    expect(run.stdout).toContain('Skipped: no Gemini API key is set');
    expect(fake.requests).toHaveLength(0);
  }, 60_000);

  it('with a key: one call per operation, latency, tokens and cost per call, exit 0', async () => {
    const run = await smoke({ GEMINI_API_KEY: KEY, MOBIUS_GEMINI_BASE_URL: fake.baseUrl });
    expect(run.code, run.stdout).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => /^(ok|FAIL)\s/.test(l));
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(['countTokens', 'extract', 'generate', 'edit', 'audit']);
    for (const line of lines) expect(line).toMatch(/^ok\s+\S+\s+\d+ ms\s+tokens in \d+ \/ out \d+ \/ thinking \d+\s+\$\d+\.\d{4}/);
    expect(fake.requestsFor({ operation: 'generateContent' }).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // The edit replayed the generation's signatures (the fake refuses it otherwise).
    expect(run.stdout).toMatch(/edit .*\n\s+\d+×\d+ image\/png, turn 2/);
  }, 60_000);

  it('any failed operation makes it exit 1 and names the error', async () => {
    fake.enqueue({ kind: 'quota_exhausted', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }, { model: 'gemini-3-pro-image' });
    const run = await smoke({ GEMINI_API_KEY: KEY, MOBIUS_GEMINI_BASE_URL: fake.baseUrl });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL generate .*\n\s+GEMINI_QUOTA_EXHAUSTED: /);
    expect(run.stdout).toContain('operations failed');
  }, 60_000);
});
