import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const PARTIAL = /^\..+\.mobius-partial-(\d+)-[0-9a-f]+$/;

/** A hidden name beside `target` for the export in progress; it carries our pid so a later run can tell a crash leftover. */
export function partialPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.mobius-partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove what an export that crashed (its process gone) left in `dir`. Returns the removed paths. */
export async function removeStalePartials(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = PARTIAL.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const full = path.join(dir, name);
    await rm(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}

/** Lower-case words joined by dashes, for file names that survive every file system and a shell. */
export function fileSlug(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.[a-z0-9]{2,5}$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug;
}
