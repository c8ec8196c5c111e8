import { app, BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import type { Engine } from '../core/app';
import { openFileDialog } from './dialogs';
import { registerIpc } from './ipc';
import { launchPolicy } from './launch-policy';
import { installMenu } from './menu';
import { handleAppProtocol, handleAssetProtocol, registerPrivilegedSchemes } from './protocol';
import { APP_INDEX_URL, hardenSession, type TrustedOrigin } from './security';
import { startupFailure } from './startup';
import { printReportToPdf } from './print-pdf';
import { createMainWindow } from './window';

// A packaged app takes neither its page (ELECTRON_RENDERER_URL) nor its Gemini endpoint from the environment.
const { devServerUrl, endpointPolicy } = launchPolicy();
const origin: TrustedOrigin = { devServerUrl };
const rendererDir = join(import.meta.dirname, '../renderer');
const windowOptions = { preload: join(import.meta.dirname, '../preload/index.cjs'), url: devServerUrl ?? APP_INDEX_URL, devTools: !app.isPackaged };

registerPrivilegedSchemes();

let engine: Engine | undefined;

function openWindow(): BrowserWindow {
  return createMainWindow(windowOptions);
}

/** Menu commands reach the renderer as a location hash it listens to (no extra IPC surface). */
function navigate(hash: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? openWindow();
  void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
}

/**
 * Start the engine, then open the window. The engine is imported here rather
 * than at the top, so a native module that cannot load (sharp or better-sqlite3
 * built for another OS or CPU) ends in the same dialog as a locked database or a
 * failed migration: the cause and the data folder, then exit — which also frees
 * the single-instance lock, so launching again really tries again. The keychain
 * is not touched here: the window opens at once and the renderer shows
 * "Checking keychain…" until the engine's first look at it answers.
 */
export async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  try {
    hardenSession(session.defaultSession, origin);
    handleAppProtocol(rendererDir);
    const { createEngine } = await import('../core/app');
    engine = await createEngine({
      dataDir,
      openFileDialog,
      endpointPolicy,
      renderPdf: printReportToPdf,
      exportsDir: join(app.getPath('documents'), 'Mobius exports'),
      appVersion: app.getVersion(),
    });
  } catch (error) {
    const failure = startupFailure(error, dataDir);
    dialog.showErrorBox(failure.title, failure.message);
    app.exit(1);
    return;
  }
  handleAssetProtocol(engine);
  registerIpc(engine, origin);
  installMenu(process.platform, { importPdf: () => navigate('#/brands?import=1'), openSettings: () => navigate('#/settings') }, { packaged: app.isPackaged });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

// One instance owns the database and the keychain entry; a second launch focuses it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    } else if (engine) {
      openWindow();
    }
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void engine?.close();
  });
}
