import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '../core/app';
import { openFileDialog } from './dialogs';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { printReportToPdf } from './print-pdf';
import { handleAssetProtocol, registerAssetScheme } from './protocol';
import { hardenSession } from './security';
import { createMainWindow } from './window';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const indexHtml = join(import.meta.dirname, '../renderer/index.html');
const windowOptions = { preload: join(import.meta.dirname, '../preload/index.cjs'), devServerUrl, indexHtml };

registerAssetScheme();

function openWindow(): BrowserWindow {
  return createMainWindow(windowOptions);
}

/** Menu commands reach the renderer as a location hash it listens to (no extra IPC surface). */
function navigate(hash: string): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? openWindow();
  void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
}

// One instance owns the database and the keychain entry; a second launch focuses it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let engine: Engine | undefined;
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    hardenSession(session.defaultSession, { devServer: Boolean(devServerUrl) });
    engine = await createEngine({
      dataDir: app.getPath('userData'),
      openFileDialog,
      renderPdf: printReportToPdf,
      exportsDir: join(app.getPath('documents'), 'Mobius exports'),
      appVersion: app.getVersion(),
    });
    handleAssetProtocol(engine);
    registerIpc(engine, { devServerUrl, indexHtmlUrl: pathToFileURL(indexHtml).toString() });
    installMenu(process.platform, { importPdf: () => navigate('#/brands?import=1'), openSettings: () => navigate('#/settings') });
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void engine?.close();
  });
}
