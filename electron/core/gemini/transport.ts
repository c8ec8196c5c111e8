// The one fetch every SDK instance uses. It fixes two things the SDK leaves
// to the caller once a custom fetch is installed (docs/TROUBLESHOOTING.md,
// "Gateways"):
//  - undici's own 300 s header/body timeouts, which would cut off a
//    high-thinking extraction the server is still working on (our call loop's
//    per-attempt timer is the only deadline);
//  - a gateway base URL with a path: for resumable uploads the SDK keeps only
//    the scheme, host and port of the base URL and takes the path from the
//    upload URL the server returns, so `https://gw.example/gemini` would upload
//    to `https://gw.example/upload/…` instead of `…/gemini/upload/…`.

const UNDICI_GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface Dispatcher {
  dispatch(options: Record<string, unknown>, handler: unknown): boolean;
}

/** Node's global undici dispatcher with its header and body timeouts switched off (what the SDK does without a custom fetch). */
const noTimeoutDispatcher: Dispatcher = {
  dispatch(options, handler) {
    let global = (globalThis as Record<symbol, unknown>)[UNDICI_GLOBAL_DISPATCHER] as Dispatcher | undefined;
    if (!global) {
      // Node creates the global dispatcher lazily, on first use of fetch's classes.
      new Headers();
      global = (globalThis as Record<symbol, unknown>)[UNDICI_GLOBAL_DISPATCHER] as Dispatcher | undefined;
    }
    if (!global || typeof global.dispatch !== 'function') throw new Error('Node’s undici dispatcher is not available.');
    return global.dispatch({ ...options, headersTimeout: 0, bodyTimeout: 0 }, handler);
  },
};

/** The path of a base URL, without a trailing slash ('' for none). */
export function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/**
 * Put a gateway's path back in front of an upload URL the SDK rebuilt from
 * the base URL's origin; any other URL is returned as is.
 */
export function withGatewayPath(url: string, baseUrl: string): string {
  const prefix = basePath(baseUrl);
  if (!prefix) return url;
  const target = new URL(url);
  if (!target.pathname.startsWith('/upload/') || target.origin !== new URL(baseUrl).origin) return url;
  target.pathname = `${prefix}${target.pathname}`;
  return target.toString();
}

/** A fetch for one SDK instance talking to `baseUrl`. */
export function geminiFetch(baseUrl: string, inner: typeof fetch = globalThis.fetch.bind(globalThis)): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const routed = withGatewayPath(url, baseUrl);
    const options = init && 'dispatcher' in init ? init : { ...init, dispatcher: noTimeoutDispatcher };
    return inner(routed === url ? input : routed, options as RequestInit);
  };
}
