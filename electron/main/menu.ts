import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importPdf(): void;
  openSettings(): void;
}

/** View menu: zoom and full screen always; reload and DevTools only while developing (never in a packaged app). */
export function viewMenu(packaged: boolean): MenuItemConstructorOptions {
  const develop: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return { label: 'View', submenu: [...develop, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] };
}

/** Native menus with the platform's standard roles (copy/paste, zoom, close, quit…) plus our commands. */
export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions, { packaged }: { packaged: boolean }): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() };
  return [
    ...(mac
      ? [{ role: 'appMenu' as const, submenu: [{ role: 'about' as const }, { type: 'separator' as const }, settings, { type: 'separator' as const }, { role: 'hide' as const }, { role: 'hideOthers' as const }, { role: 'unhide' as const }, { type: 'separator' as const }, { role: 'quit' as const }] }]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Brand Guidelines…', accelerator: 'CmdOrCtrl+O', click: () => actions.importPdf() },
        ...(mac ? [] : [settings]),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    viewMenu(packaged),
    { role: 'windowMenu' },
  ];
}

export function installMenu(platform: NodeJS.Platform, actions: MenuActions, options: { packaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(platform, actions, options)));
}
