import { create } from 'zustand';

export type Route =
  | { screen: 'brands'; importRequested?: boolean }
  | { screen: 'brand'; brandId: string }
  | { screen: 'asset'; assetId: string }
  | { screen: 'job'; jobId: string }
  | { screen: 'library'; brandId?: string }
  | { screen: 'history'; assetId: string }
  | { screen: 'settings' };

export function parseRoute(hash: string): Route {
  const [pathPart = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'brands' && parts[1]) return { screen: 'brand', brandId: parts[1] };
  if (parts[0] === 'assets' && parts[1]) return { screen: 'asset', assetId: parts[1] };
  if (parts[0] === 'jobs' && parts[1]) return { screen: 'job', jobId: parts[1] };
  if (parts[0] === 'library') return parts[1] ? { screen: 'library', brandId: parts[1] } : { screen: 'library' };
  if (parts[0] === 'history' && parts[1]) return { screen: 'history', assetId: parts[1] };
  if (parts[0] === 'settings') return { screen: 'settings' };
  return { screen: 'brands', importRequested: new URLSearchParams(query).has('import') };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'brand':
      return `#/brands/${encodeURIComponent(route.brandId)}`;
    case 'asset':
      return `#/assets/${encodeURIComponent(route.assetId)}`;
    case 'job':
      return `#/jobs/${encodeURIComponent(route.jobId)}`;
    case 'library':
      return route.brandId ? `#/library/${encodeURIComponent(route.brandId)}` : '#/library';
    case 'history':
      return `#/history/${encodeURIComponent(route.assetId)}`;
    case 'settings':
      return '#/settings';
    default:
      return '#/brands';
  }
}

interface RouteState {
  route: Route;
  go(route: Route): void;
  sync(): void;
}

/** The location hash is the route: back/forward, menu commands (main sets the hash) and reloads all work. */
export const useRoute = create<RouteState>((set) => ({
  route: parseRoute(typeof location === 'undefined' ? '' : location.hash),
  go(route) {
    location.hash = hrefOf(route);
  },
  sync() {
    set({ route: parseRoute(location.hash) });
  },
}));
