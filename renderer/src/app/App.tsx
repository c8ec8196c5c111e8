import { Suspense, lazy, useEffect } from 'react';
import { AssetScreen } from '../features/audit/AssetScreen';
import { BrandScreen } from '../features/brand/BrandScreen';
import { BrandsScreen } from '../features/brands/BrandsScreen';
import { JobScreen } from '../features/jobs/JobScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { Spinner } from '../components/ui';
import { useRoute } from '../stores/route';
import { useStatus } from '../stores/status';

// The library (virtualised grid, history, exports) loads on first visit: it stays out of the initial bundle.
const LibraryScreen = lazy(() => import('../features/library/LibraryScreen').then((m) => ({ default: m.LibraryScreen })));
const HistoryScreen = lazy(() => import('../features/library/HistoryScreen').then((m) => ({ default: m.HistoryScreen })));

function TitleBar() {
  const route = useRoute((s) => s.route);
  const network = useStatus((s) => s.network);
  const key = useStatus((s) => s.key);
  const onBrands = route.screen !== 'settings' && route.screen !== 'library' && route.screen !== 'history';
  const onLibrary = route.screen === 'library' || route.screen === 'history';
  const connection = network === null ? 'Checking connection…' : network.online ? (key?.has_key ? 'Online' : 'Online · no Gemini key') : 'Offline';
  return (
    <header className="titlebar">
      <a className="wordmark" href="#/brands">
        <span className="logo-mark" aria-hidden="true" />
        Mobius
      </a>
      <nav className="tabs" aria-label="Main">
        <a href="#/brands" aria-current={onBrands ? 'page' : undefined}>
          Brands
        </a>
        <a href="#/library" aria-current={onLibrary ? 'page' : undefined}>
          Library
        </a>
        <a href="#/settings" aria-current={route.screen === 'settings' ? 'page' : undefined}>
          Settings
        </a>
      </nav>
      <span className={`net ${network?.online ? 'online' : 'offline'}`} role="status" data-testid="network-status" title="Gemini reachability">
        <span className="status-dot" aria-hidden="true" />
        {connection}
      </span>
    </header>
  );
}

function Toast() {
  const toast = useStatus((s) => s.toast);
  return (
    <div className="toast-region" aria-live="polite">
      {toast && <div className="toast">{toast.text}</div>}
    </div>
  );
}

export function App() {
  const route = useRoute((s) => s.route);
  const sync = useRoute((s) => s.sync);
  const start = useStatus((s) => s.start);

  useEffect(() => {
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [sync]);
  useEffect(() => start(), [start]);

  return (
    <div className="shell">
      <TitleBar />
      <main className="content" id="main">
        {route.screen === 'brands' && <BrandsScreen importRequested={route.importRequested ?? false} />}
        {route.screen === 'brand' && <BrandScreen key={route.brandId} brandId={route.brandId} />}
        {route.screen === 'asset' && <AssetScreen key={route.assetId} assetId={route.assetId} />}
        {route.screen === 'job' && <JobScreen key={route.jobId} jobId={route.jobId} />}
        {route.screen === 'settings' && <SettingsScreen />}
        <Suspense fallback={<div className="screen"><Spinner label="Loading" /></div>}>
          {route.screen === 'library' && <LibraryScreen key={route.brandId ?? 'all'} brandId={route.brandId ?? null} />}
          {route.screen === 'history' && <HistoryScreen key={route.assetId} assetId={route.assetId} />}
        </Suspense>
      </main>
      <Toast />
    </div>
  );
}
