import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../support/cli';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mobius-cli-settings-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('mobius settings set gemini_base_url: only the user decides where the key goes, and only safely', () => {
  it('refuses plain http to another computer with a clear message and saves nothing', async () => {
    const run = await spawnCli(['settings', 'set', 'gemini_base_url=http://example.com', '--data-dir', dataDir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('gemini_base_url must use https://');
    expect(run.stderr).toContain('plain http:// is allowed only to this computer');
    const shown = await runCli(['settings', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ gemini_base_url: null });
  });

  it('accepts https anywhere and http to this computer, and clears it with none', async () => {
    for (const url of ['https://gateway.example.com/gemini', 'http://127.0.0.1:4010']) {
      const run = await runCli(['settings', 'set', `gemini_base_url=${url}`, '--json', '--data-dir', dataDir]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ gemini_base_url: url });
    }
    const cleared = await runCli(['settings', 'set', 'gemini_base_url=none', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ gemini_base_url: null });
  });
});
