import type { Session, WebFrameMain } from 'electron';

/** The privileged scheme the packaged renderer is served from (never file://, see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mobius';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where our renderer is loaded from: the dev server (development only), else app://mobius. */
export interface TrustedOrigin {
  devServerUrl: string | undefined;
}

/** Is this URL a page of ours? Origins of custom schemes are opaque to WHATWG URL, so protocol and host are compared. */
export function isOwnPage(value: string | undefined, origin: TrustedOrigin, { indexOnly = false } = {}): boolean {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (origin.devServerUrl) return url.origin === new URL(origin.devServerUrl).origin;
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && (!indexOnly || url.pathname === '/index.html');
}

/**
 * IPC is answered only for the main frame of one of our windows showing our own
 * page: not for iframes, not after a (blocked) navigation elsewhere, not for
 * other origins. See the Electron security checklist, "validate the sender".
 */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url'> | null | undefined, mainFrame: unknown, origin: TrustedOrigin): boolean {
  if (!frame || frame !== mainFrame) return false;
  return isOwnPage(frame.url, origin, { indexOnly: !origin.devServerUrl });
}

/** Only https links leave the app, to the user's browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The one policy, sent as a header by the app:// handler and repeated in renderer/index.html's meta tag (a test keeps them equal). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: mobius-asset:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** "Copy hex" writes to the clipboard; nothing else is ever granted. */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** Exactly one permission, for the main frame of our own page; everything else is denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean, origin: TrustedOrigin): boolean {
  return permission === ALLOWED_PERMISSION && isMainFrame && isOwnPage(requestingUrl, origin);
}

/** Session-wide rules: the permission allow-list, and the CSP as a header on anything not served by app://. */
export function hardenSession(session: Session, origin: TrustedOrigin): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, origin)),
  );
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, origin),
  );
  // Vite's dev server needs its HMR socket and inline preamble; everything else gets the strict policy.
  if (origin.devServerUrl) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
