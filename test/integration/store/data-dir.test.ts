import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { ensureDataDir, openStore } from '../../../electron/core/store';
import { useTempDirs } from './temp-dir';

describe('ensureDataDir', () => {
  const tempDir = useTempDirs();

  it('creates nested folders and leaves no probe behind', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    expect(ensureDataDir(dir)).toBe(dir);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder it cannot write with DATA_DIR_UNWRITABLE naming the folder', () => {
    // A path below a regular file fails even for root, unlike chmod.
    const blocker = path.join(tempDir(), 'afile');
    writeFileSync(blocker, 'not a folder');
    const dir = path.join(blocker, 'sub');
    let error: unknown;
    try {
      openStore({ dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MobiusError);
    expect((error as MobiusError).code).toBe('DATA_DIR_UNWRITABLE');
    expect((error as MobiusError).message).toContain(dir);
    expect((error as MobiusError).message).toMatch(/--data-dir|MOBIUS_DATA_DIR/);
  });
});
