import { BrowserWindow, dialog } from 'electron';

const FILTERS = {
  pdf: [{ name: 'Brand guidelines (PDF)', extensions: ['pdf'] }],
  image: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
  brand: [{ name: 'Mobius brand (JSON)', extensions: ['json'] }],
  logo: [{ name: 'Logo (SVG, PNG, PDF)', extensions: ['svg', 'png', 'pdf', 'jpg', 'jpeg', 'webp'] }],
} as const;

/** Native open dialog (or a folder chooser for exports); the chosen path is the only kind of path the renderer ever hands back. */
export async function openFileDialog(kind: keyof typeof FILTERS | 'folder'): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options =
    kind === 'folder'
      ? { properties: ['openDirectory' as const, 'createDirectory' as const], title: 'Export to folder', buttonLabel: 'Export here' }
      : { properties: ['openFile' as const], filters: FILTERS[kind].map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
