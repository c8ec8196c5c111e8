import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createMainWindow } from './window';

// One instance owns the database and the keychain entry; a second launch focuses it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(() => {
    createMainWindow({
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      devServerUrl: process.env['ELECTRON_RENDERER_URL'],
      indexHtml: join(import.meta.dirname, '../renderer/index.html'),
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        createMainWindow({
          preload: join(import.meta.dirname, '../preload/index.cjs'),
          devServerUrl: process.env['ELECTRON_RENDERER_URL'],
          indexHtml: join(import.meta.dirname, '../renderer/index.html'),
        });
      }
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
