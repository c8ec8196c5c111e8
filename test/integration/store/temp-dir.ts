import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp folder per call, removed after the test. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mobius-store-'));
    made.push(dir);
    return dir;
  };
}

/** Timestamps one second apart, so ordering by time is deterministic. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => string {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}
