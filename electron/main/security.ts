import type { Session, WebFrameMain } from 'electron';

/** Where our renderer is loaded from: the dev server origin, or the packaged index.html file URL. */
export interface TrustedOrigin {
  devServerUrl: string | undefined;
  indexHtmlUrl: string;
}

/**
 * IPC is answered only for the main frame of one of our windows showing our own
 * page: not for iframes, not after a (blocked) navigation elsewhere, not for
 * other origins. See the Electron security checklist, "validate the sender".
 */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url'> | null | undefined,
  mainFrame: unknown,
  origin: TrustedOrigin,
): boolean {
  if (!frame || frame !== mainFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (origin.devServerUrl) {
    return url.origin === new URL(origin.devServerUrl).origin;
  }
  return url.protocol === 'file:' && url.pathname === new URL(origin.indexHtmlUrl).pathname;
}

/** Only https links leave the app, to the user's browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

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

/** Session-wide rules: deny every permission request and check, and send the CSP as a header too. */
export function hardenSession(session: Session, options: { devServer: boolean }): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Vite's dev server needs its HMR socket and inline preamble; the packaged app gets the strict policy.
  if (options.devServer) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
