import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MobiusError } from '../../../shared/errors';
import { FileStore, fileUri, openStore, parseFileUri } from '../../../electron/core/store';
import { steppingClock, useTempDirs } from './temp-dir';

const bytes = (text: string) => new TextEncoder().encode(text);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('FileStore', () => {
  const tempDir = useTempDirs();

  it('stores content under files/<aa>/<sha256>.<ext> and reads it back', async () => {
    const dir = tempDir();
    const files = new FileStore(dir);
    const stored = await files.put(bytes('hello'), '.PNG', 'image/png');
    const digest = sha('hello');
    expect(stored).toEqual({
      sha256: digest,
      ext: 'png',
      mime: 'image/png',
      size: 5,
      path: path.join(dir, 'files', digest.slice(0, 2), `${digest}.png`),
    });
    expect(files.path(digest, 'png')).toBe(stored.path);
    expect(files.has(digest, 'png')).toBe(true);
    expect((await files.read(digest, 'png')).toString()).toBe('hello');
    // Only the final file: no temp file is left in the shard.
    expect(readdirSync(path.dirname(stored.path))).toEqual([`${digest}.png`]);
  });

  it('is idempotent for content it already has', async () => {
    const files = new FileStore(tempDir());
    const first = await files.put(bytes('same'), 'pdf');
    const second = await files.put(bytes('same'), 'pdf');
    expect(second).toEqual(first);
    expect(readdirSync(path.dirname(first.path))).toHaveLength(1);
  });

  it('replaces a torn copy (wrong size) with the full content', async () => {
    const files = new FileStore(tempDir());
    const target = files.path(sha('complete content'), 'bin');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, 'compl');
    await files.put(bytes('complete content'), 'bin');
    expect(readFileSync(target, 'utf8')).toBe('complete content');
  });

  it('reports a missing file as ASSET_NOT_FOUND and rejects bad names', async () => {
    const files = new FileStore(tempDir());
    await expect(files.read('b'.repeat(64), 'png')).rejects.toMatchObject({ code: 'ASSET_NOT_FOUND' });
    expect(() => files.path('../etc/passwd', 'png')).toThrow(MobiusError);
    expect(() => files.path('b'.repeat(64), '../x')).toThrow(MobiusError);
  });

  it('removes orphans and temp leftovers, keeps referenced files', async () => {
    const files = new FileStore(tempDir());
    const kept = await files.put(bytes('kept'), 'png');
    const orphan = await files.put(bytes('orphan'), 'png');
    const temp = path.join(path.dirname(kept.path), '.tmp-123-abc');
    writeFileSync(temp, 'half');
    const removed = await files.removeOrphans(new Set([kept.sha256]));
    expect(removed.sort()).toEqual([orphan.path, temp].sort());
    expect(existsSync(kept.path)).toBe(true);
    expect(existsSync(orphan.path)).toBe(false);
  });

  it('round-trips mobius-asset URIs', () => {
    const digest = sha('x');
    expect(parseFileUri(fileUri(digest, 'PDF'))).toEqual({ sha256: digest, ext: 'pdf' });
    expect(parseFileUri('https://example.com/x.png')).toBeNull();
  });
});

describe('Store.putFileThen', () => {
  const tempDir = useTempDirs();
  const guidelines = { colors: [], typography: [], logos: [], rules: [] };

  it('writes the file before the row and records it in the files table', async () => {
    const store = openStore({ dataDir: tempDir(), now: steppingClock() });
    try {
      const brand = await store.putFileThen(bytes('%PDF-1.7 brand book'), 'pdf', 'application/pdf', (file) => {
        expect(existsSync(file.path)).toBe(true);
        return store.brands.create({ name: 'Acme', guidelines, compressed_twin: null, pdf: file });
      });
      expect(brand.pdf_url).toBe(fileUri(sha('%PDF-1.7 brand book'), 'pdf'));
      expect(store.fileRecords.get(sha('%PDF-1.7 brand book'))).toMatchObject({ ext: 'pdf', mime: 'application/pdf', size: 19 });
      expect(await store.removeOrphanFiles()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('leaves no orphan file when the row insert fails', async () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      const content = bytes('image bytes');
      await expect(
        store.putFileThen(content, 'png', 'image/png', (file) =>
          // No such brand: the foreign key rejects the asset row.
          store.assets.create({ brand_id: 'missing', brand_version: 1, origin: 'imported', sha256: file.sha256, mime: 'image/png', width: 1, height: 1 }),
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(store.files.has(sha('image bytes'), 'png')).toBe(false);
      expect(store.fileRecords.get(sha('image bytes'))).toBeNull();
    } finally {
      store.close();
    }
  });

  it('keeps a file that an earlier committed row already references', async () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      const content = bytes('shared pdf');
      await store.putFileThen(content, 'pdf', null, (file) => store.brands.create({ name: 'A', guidelines, compressed_twin: null, pdf: file }));
      await expect(
        store.putFileThen(content, 'pdf', null, () => {
          throw new Error('second write failed');
        }),
      ).rejects.toThrow('second write failed');
      expect(store.files.has(sha('shared pdf'), 'pdf')).toBe(true);
    } finally {
      store.close();
    }
  });

  it('does not delete a file another in-flight write of the same content will reference', async () => {
    const store = openStore({ dataDir: tempDir() });
    try {
      const content = bytes('concurrent');
      const failing = store.putFileThen(content, 'png', null, () => {
        throw new Error('boom');
      });
      const succeeding = store.putFileThen(content, 'png', null, (file) => file.sha256);
      await expect(failing).rejects.toThrow('boom');
      await expect(succeeding).resolves.toBe(sha('concurrent'));
      expect(store.files.has(sha('concurrent'), 'png')).toBe(true);
      expect(store.fileRecords.get(sha('concurrent'))).not.toBeNull();
    } finally {
      store.close();
    }
  });
});
