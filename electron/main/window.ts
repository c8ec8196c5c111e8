import { BrowserWindow, shell } from 'electron';

export interface MainWindowOptions {
  preload: string;
  /** Vite dev server URL in development; undefined in a built app. */
  devServerUrl: string | undefined;
  indexHtml: string;
}

/** The web preferences every Mobius window must have (DESIGN.md §7). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Mobius',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  win.once('ready-to-show', () => win.show());

  // The renderer never navigates away or opens windows; external https links go to the browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());

  if (options.devServerUrl) void win.loadURL(options.devServerUrl);
  else void win.loadFile(options.indexHtml);
  return win;
}
