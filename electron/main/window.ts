import { BrowserWindow, shell } from 'electron';
import { isSafeExternalUrl } from './security';

export interface MainWindowOptions {
  preload: string;
  /** app://mobius/index.html in a built app; the Vite dev server URL in development. */
  url: string;
  /** DevTools only in development (`app.isPackaged` false). */
  devTools: boolean;
}

/** The web preferences every Mobius window must have (docs/ARCHITECTURE.md, "Processes and layers"). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
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
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools, preload: options.preload },
  });
  win.once('ready-to-show', () => win.show());

  // The renderer never navigates away or opens windows; external https links go to the browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(options.url);
  return win;
}
