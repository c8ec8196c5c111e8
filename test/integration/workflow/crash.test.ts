import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { readState } from '../../../electron/core/workflow';
import { startFakeGemini, type FakeGemini, type FakeReply } from '../../fakes/gemini-server';
import { createBrand, filesOnDisk, OFF_GREEN, tempDir } from './helpers';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TRIALS = 20;
let fake: FakeGemini;

beforeAll(async () => {
  fake = await startFakeGemini({ imageScale: 1 / 16 });
  // Generations come out off-palette and edits fix them, so every job walks the whole loop:
  // generate → audit → correct → edit → audit → approved. A little latency so kills land mid-request.
  const image = (): FakeReply => ({
    kind: 'custom',
    handle: (request) => {
      const isEdit = (request.body.contents?.length ?? 0) > 1;
      const then: FakeReply = isEdit ? { kind: 'image' } : { kind: 'image', composition: { offPalette: { hex: OFF_GREEN, box: { x: 0.5, y: 0, w: 0.5, h: 0.5 } } } };
      return { kind: 'hang', ms: 10, then };
    },
  });
  fake.enqueue(Array.from({ length: 500 }, image), { model: 'gemini-3-pro-image' });
});
afterAll(async () => fake.close());

/** Run the child; kill it with SIGKILL after `killAfterEvents` output lines (plus a random few ms), or let it finish. */
function runChild(dataDir: string, key: string | null, killAfterEvents: number | null, jitterMs: number): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, fake.baseUrl, ...(key ? [key] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) lines.push(line);
      if (killAfterEvents !== null && !killing && lines.length > killAfterEvents) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), jitterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true, lines });
      if (code !== 0) return reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ killed: false, lines });
    });
  });
}

describe('(e) crash safety', () => {
  it(`SIGKILL at random points over ${TRIALS} trials: after restart every job is terminal, no attempt duplicated or lost, DB intact, no orphan files`, async () => {
    const { dir, cleanup } = tempDir('mobius-crash-');
    try {
      const setup = openStore({ dataDir: dir });
      createBrand(setup);
      setup.close();

      // A seeded LCG: random kill points, reproducible from the printed seed.
      let seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 100_000);
      const seedUsed = seed;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      let kills = 0;
      for (let i = 0; i < TRIALS; i++) {
        const result = await runChild(dir, `trial-${i}`, Math.floor(random() * 12), Math.floor(random() * 25));
        if (result.killed) kills++;
      }
      // The restart: resume everything to a terminal state.
      const final = await runChild(dir, null, null, 0);
      expect(final.killed).toBe(false);
      expect(kills, `seed ${seedUsed}`).toBeGreaterThanOrEqual(TRIALS / 2);

      const store = openStore({ dataDir: dir });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(store.jobs.listUnfinished(), `seed ${seedUsed}`).toEqual([]);
        const jobs = store.jobs.list();
        expect(new Set(jobs.map((j) => j.idempotency_key)).size).toBe(jobs.length);
        expect(jobs.length).toBeGreaterThan(0);
        for (const job of jobs) {
          expect(['approved', 'needs_review'], `job ${job.job_id} ${JSON.stringify(job.error)} seed ${seedUsed}`).toContain(job.status);
          const state = readState(job);
          const assets = store.assets.list({ job_id: job.job_id });
          // Every attempt is exactly one asset, numbered without gaps, chained to the previous one.
          expect(assets.map((a) => a.asset_id).sort()).toEqual(state.attempts.map((a) => a.asset_id).sort());
          expect(state.attempts.map((a) => a.attempt)).toEqual(state.attempts.map((_, i) => i + 1));
          expect(job.attempt_count).toBe(state.attempts.length);
          state.attempts.forEach((a, i) => {
            const asset = store.assets.require(a.asset_id);
            expect(asset.parent_asset_id).toBe(i === 0 ? null : state.attempts[i - 1]!.asset_id);
            expect(a.overall_score).not.toBeNull();
            expect(store.audits.listForAsset(a.asset_id)).toHaveLength(1);
            expect(store.files.has(asset.sha256, 'png')).toBe(true);
          });
        }
        // No orphan files: what is on disk is exactly what the files table knows.
        const onDisk = filesOnDisk(dir).map((f) => f.split('/').pop()!.split('.')[0]!).sort();
        expect(onDisk).toEqual([...store.fileRecords.allDigests()].sort());
      } finally {
        store.close();
      }
    } finally {
      cleanup();
    }
  }, 180_000);
});
