// Operation and event names only: the preload bundles this (no zod, no schemas),
// and contract.ts checks at compile time that it names exactly the contract.

export const OPERATION_NAMES = [
  'brands.list',
  'brands.get',
  'brands.ingest',
  'brands.cancelIngest',
  'brands.update',
  'brands.delete',
  'brands.export',
  'brands.import',
  'brands.addLogo',
  'brands.chooseLogo',
  'brands.removeLogo',
  'assets.list',
  'assets.get',
  'assets.importAndAudit',
  'assets.audit',
  'assets.dismissFinding',
  'assets.restoreFinding',
  'library.query',
  'library.history',
  'library.thumbnails',
  'library.reaudit',
  'library.cancelReaudit',
  'library.costs',
  'exports.assets',
  'exports.cancel',
  'templates.save',
  'templates.list',
  'templates.generate',
  'templates.delete',
  'jobs.generate',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'jobs.review',
  'settings.get',
  'settings.update',
  'settings.checkModels',
  'secrets.has',
  'secrets.set',
  'secrets.clear',
  'network.status',
  'dialog.openFile',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export const EVENT_NAMES = ['ingest.progress', 'audit.progress', 'library.reaudit', 'exports.progress', 'network.status', 'jobs.updated'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel of an operation / event. One prefix, so main can reject anything else. */
export const invokeChannel = (op: OperationName): string => `mobius:${op}`;
/** Preload → main: "the user dropped this file", so main may open that path later. Not an operation. */
export const GRANT_PATH_CHANNEL = 'mobius:grant-path';
export const eventChannel = (event: EventName): string => `mobius:event:${event}`;

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
