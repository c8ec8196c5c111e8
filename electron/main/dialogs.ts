import { BrowserWindow, dialog } from 'electron';

const FILTERS = {
  pdf: [{ name: 'Brand guidelines (PDF)', extensions: ['pdf'] }],
  image: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
  brand: [{ name: 'Mobius brand (JSON)', extensions: ['json'] }],
} as const;

/** Native open dialog; the chosen path is the only kind of path the renderer ever hands back. */
export async function openFileDialog(kind: keyof typeof FILTERS): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = { properties: ['openFile' as const], filters: FILTERS[kind].map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
