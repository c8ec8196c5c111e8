import { open } from 'node:fs/promises';

/** Create a file (never over an existing one) and flush it to disk before it is renamed into place. */
export async function writeDurable(file: string, bytes: Uint8Array | string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Persist a rename or new entries in a folder (a no-op on Windows, where renames are durable enough and folders cannot be synced). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
