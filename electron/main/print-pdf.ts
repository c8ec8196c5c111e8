import { BrowserWindow, session as sessions } from 'electron';
import { pathToFileURL } from 'node:url';

/** A session of its own, in memory: the report window shares nothing with the app's and reaches nothing but its file. */
const PARTITION = 'mobius-report-print';
/** The report files being printed right now: the only URLs the print session may load. */
const printing = new Set<string>();
let guarded = false;

/**
 * Print a self-contained report (an HTML file the exporter just wrote) to PDF
 * with Chromium's printToPDF. The window is hidden, sandboxed, runs no
 * JavaScript, and may load exactly that one file: every other request —
 * network or file — is cancelled. The core calls this through
 * `CoreOptions.renderPdf`; it is the only Electron code exports need.
 */
export async function printReportToPdf(htmlFile: string): Promise<Uint8Array> {
  const allowed = pathToFileURL(htmlFile).toString();
  const session = sessions.fromPartition(PARTITION, { cache: false });
  if (!guarded) {
    // One listener for the session (Electron keeps one per event); concurrent exports each add their file.
    session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !printing.has(details.url) && !details.url.startsWith('data:') }));
    session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    guarded = true;
  }
  printing.add(allowed);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    await win.loadURL(allowed);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    return new Uint8Array(pdf);
  } finally {
    printing.delete(allowed);
    win.destroy();
  }
}
