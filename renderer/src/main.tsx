import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { mobius } from './ipc/client';
import { useRoute } from './stores/route';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('Mobius: #root element missing from index.html');
try {
  // Connect first: the bridge shim reads (and then hides) the session token from the address.
  mobius();
  useRoute.getState().sync();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  root.textContent = error instanceof Error ? error.message : 'Mobius could not start.';
}
