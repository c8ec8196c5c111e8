import { useState } from 'react';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { ErrorNote } from '../../components/ui';
import { mobius, unwrap } from '../../ipc/client';
import { useAction } from '../../lib/use-action';
import { useStatus } from '../../stores/status';

const GOOGLE = 'generativelanguage.googleapis.com';

/** The host a base URL sends the key to, or null while it is not a URL yet. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/**
 * Where Gemini requests — and with them the API key — go. Changing it takes
 * an explicit confirmation naming the new host: the key must only ever go
 * where the designer chose (core refuses plain http to another computer).
 */
export function EndpointSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const notify = useStatus((s) => s.notify);
  const saved = view.settings.gemini_base_url ?? '';
  const [value, setValue] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(setError);
  const draft = (value ?? saved).trim();
  const target = draft === '' ? GOOGLE : hostOf(draft);

  const save = () =>
    run(async () => {
      onSaved(await unwrap(mobius().settings.update({ gemini_base_url: draft === '' ? null : draft })));
      setValue(null);
      setConfirming(false);
      notify(`Gemini requests now go to ${target ?? draft}`);
    });

  return (
    <section className="panel" aria-labelledby="endpoint-title">
      <h2 id="endpoint-title">Gemini endpoint</h2>
      <p className="muted small">
        Where Mobius sends Gemini requests, and your API key with them. Leave empty for Google ({GOOGLE}); set it only for a gateway or proxy you trust.
      </p>
      <form
        className="key-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setConfirming(true);
        }}
      >
        <label className="grow">
          <span>Endpoint URL</span>
          <input
            value={value ?? saved}
            onChange={(e) => {
              setValue(e.target.value);
              setConfirming(false);
            }}
            placeholder={`https://${GOOGLE}`}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <button type="submit" className="secondary" disabled={busy || draft === saved || (draft !== '' && target === null)}>
          Change endpoint…
        </button>
      </form>
      {confirming && (
        <div className="endpoint-confirm" role="alertdialog" aria-labelledby="endpoint-confirm-text">
          <p id="endpoint-confirm-text">
            Send your Gemini API key to <strong>{target}</strong>? Every Gemini request — with the key, your guideline PDFs and images — will go there.
          </p>
          <div className="form-actions">
            <button type="button" className="ghost" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
              Send my key to {target}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
    </section>
  );
}
