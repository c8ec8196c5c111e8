import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real `electron` module is never imported in tests: this stand-in records what the print window does.
const state = vi.hoisted(() => ({
  options: [] as Record<string, unknown>[],
  loaded: [] as string[],
  destroyed: 0,
  filter: null as null | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
  pdfOptions: [] as unknown[],
  failPrint: false,
  onPrint: null as null | (() => Promise<void>),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      printToPDF: async (options: unknown) => {
        state.pdfOptions.push(options);
        await state.onPrint?.();
        if (state.failPrint) throw new Error('printing failed');
        return Buffer.from('%PDF-1.7 test');
      },
    };
    constructor(options: Record<string, unknown>) {
      state.options.push(options);
    }
    loadURL(url: string) {
      state.loaded.push(url);
      return Promise.resolve();
    }
    destroy() {
      state.destroyed++;
    }
  }
  const session = {
    webRequest: { onBeforeRequest: (fn: typeof state.filter) => (state.filter = fn) },
    setPermissionRequestHandler: () => undefined,
  };
  return { BrowserWindow, session: { fromPartition: () => session } };
});

import { printReportToPdf } from '../../../electron/main/print-pdf';

beforeEach(() => {
  state.options.length = 0;
  state.loaded.length = 0;
  state.destroyed = 0;
  state.failPrint = false;
});

describe('printing a report to PDF in the desktop app', () => {
  it('loads only the report file in a hidden, sandboxed window without JavaScript, and always closes it', async () => {
    const decide = (url: string) => new Promise<boolean>((resolve) => state.filter!({ url }, (r) => resolve(r.cancel)));
    let duringPrint: boolean[] = [];
    state.onPrint = async () => {
      duringPrint = [await decide('file:///tmp/export/a%20b.report.html'), await decide('https://example.com/track.png'), await decide('file:///etc/passwd')];
    };
    const pdf = await printReportToPdf('/tmp/export/a b.report.html');
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 test');
    expect(duringPrint).toEqual([false, true, true]);
    // Once printed, not even that file loads in the print session.
    expect(await decide('file:///tmp/export/a%20b.report.html')).toBe(true);
    expect(state.loaded).toEqual(['file:///tmp/export/a%20b.report.html']);
    const prefs = state.options[0]!['webPreferences'] as Record<string, unknown>;
    expect(state.options[0]!['show']).toBe(false);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    expect(state.pdfOptions.at(-1)).toMatchObject({ printBackground: true, pageSize: 'A4' });
    expect(state.destroyed).toBe(1);

    state.onPrint = null;
    state.failPrint = true;
    await expect(printReportToPdf('/tmp/x.report.html')).rejects.toThrow('printing failed');
    expect(state.destroyed).toBe(2);
  });
});
