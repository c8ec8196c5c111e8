import { useState } from 'react';
import type { KeyStatus, ModelCheckResult, SettingsView } from '../../../../shared/ipc/contract';
import { ErrorNote, LoadStatus, Spinner } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { useStatus } from '../../stores/status';
import { EndpointSection } from './EndpointSection';

type Form = { reasoning_model: string; vision_model: string; threshold: number; attempts: number };

function formOf({ settings: s }: SettingsView): Form {
  return { reasoning_model: s.reasoning_model, vision_model: s.vision_model, threshold: Math.round(s.compliance_threshold * 100), attempts: s.max_generation_attempts };
}

/** One sentence on where the key is, or why it cannot be kept; the keychain check runs after the window opened. */
export function keyStatusText(key: KeyStatus | null): string {
  if (key === null) return 'Checking keychain…';
  const keychain = key.keychain;
  if (key.has_key) {
    if (key.source === 'env') return 'A key is set from the GEMINI_API_KEY environment variable.';
    if (key.source === 'memory') return 'A key is set for this session only.';
    return `A key is set in your ${keychain?.label ?? 'system keychain'}.`;
  }
  if (keychain?.state === 'unavailable') return 'No key set: the system keychain is not available, so Mobius can neither read nor save the key.';
  return 'No key set. Offline features keep working; Gemini refinement and generation need a key.';
}

/** The status line, the keychain problem (with "Check again") and a switch notice. */
export function KeyStatusView({ status, busy, onCheckAgain }: { status: KeyStatus | null; busy: boolean; onCheckAgain: () => void }) {
  return (
    <>
      <p className="key-status" data-testid="key-status">
        {status === null ? <Spinner label="Checking keychain" /> : <span className={`status-dot ${status.has_key ? 'on' : 'off'}`} aria-hidden="true" />}
        {keyStatusText(status)}
      </p>
      {status?.problem && (
        <ErrorNote>
          {status.problem}{' '}
          <button type="button" className="ghost small" disabled={busy} onClick={onCheckAgain}>
            Check again
          </button>
        </ErrorNote>
      )}
      {status?.notice && (
        <p className="key-notice" role="status" data-testid="key-notice">
          {status.notice}
        </p>
      )}
    </>
  );
}

function KeySection() {
  const { key, setKey, refreshKey, notify } = useStatus();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction(setError);
  const unavailable = key?.keychain?.state === 'unavailable';

  const save = () => {
    setError(null);
    return run(async () => {
      setKey(await unwrap(mobius().secrets.set({ value })));
      setValue('');
      notify('Gemini API key saved');
    });
  };
  const clear = () =>
    run(async () => {
      setKey(await unwrap(mobius().secrets.clear()));
      notify('Gemini API key removed');
    });
  const checkAgain = () => run(refreshKey);

  return (
    <section className="panel" aria-labelledby="key-title">
      <h2 id="key-title">Gemini API key</h2>
      <KeyStatusView status={key} busy={busy} onCheckAgain={() => void checkAgain()} />
      <form className="key-form" onSubmit={(e) => (e.preventDefault(), void save())}>
        <label className="grow">
          <span>{key?.has_key ? 'Replace key' : 'API key'}</span>
          <input type="password" autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} placeholder="Paste your key from Google AI Studio" />
        </label>
        <button type="submit" className="primary" disabled={busy || unavailable || value.trim().length === 0}>
          {key?.has_key ? 'Replace' : 'Save key'}
        </button>
        {key?.has_key && key.source !== 'env' && (
          <button type="button" className="ghost danger" disabled={busy} onClick={() => void clear()}>
            Clear
          </button>
        )}
      </form>
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
      <p className="muted small">
        {key?.keychain?.label && !key.has_key && !unavailable ? `The key will be kept in your ${key.keychain.label}. ` : 'The key is stored by the operating system. '}
        Only the Mobius engine uses it; this window never sees it again.
      </p>
    </section>
  );
}

export function SettingsScreen() {
  const notify = useStatus((s) => s.notify);
  const load = useLoad(() => unwrap(mobius().settings.get()), []);
  const view = load.data;
  /** Edits not saved yet; null shows the saved values. */
  const [edits, setEdits] = useState<Form | null>(null);
  const form = edits ?? (view ? formOf(view) : null);
  const setForm = (next: Form) => setEdits(next);
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<ModelCheckResult[] | null>(null);
  const [checking, setChecking] = useState(false);

  const save = async () => {
    if (!form) return;
    setError(null);
    try {
      const v = await unwrap(
        mobius().settings.update({
          reasoning_model: form.reasoning_model,
          vision_model: form.vision_model,
          compliance_threshold: form.threshold / 100,
          max_generation_attempts: form.attempts,
        }),
      );
      load.set(v);
      setEdits(null);
      notify('Settings saved');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const check = async () => {
    setChecking(true);
    setChecks(null);
    setError(null);
    try {
      setChecks(await unwrap(mobius().settings.checkModels()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="screen narrow">
      <header className="screen-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">Stored on this computer.</p>
        </div>
      </header>
      <KeySection />
      <section className="panel" aria-labelledby="models-title">
        <h2 id="models-title">Models and audits</h2>
        {!form ? (
          <LoadStatus load={load} label="Loading settings" />
        ) : (
          <form className="settings-form" onSubmit={(e) => (e.preventDefault(), void save())}>
            <label>
              <span>Reasoning model</span>
              <small className="muted">PDF extraction and audits</small>
              <input value={form.reasoning_model} onChange={(e) => setForm({ ...form, reasoning_model: e.target.value })} spellCheck={false} />
            </label>
            <label>
              <span>Image model</span>
              <small className="muted">Generation and edits</small>
              <input value={form.vision_model} onChange={(e) => setForm({ ...form, vision_model: e.target.value })} spellCheck={false} />
            </label>
            <label>
              <span>Approval threshold</span>
              <small className="muted">Overall score needed to approve (0–100)</small>
              <input type="number" min={0} max={100} value={form.threshold} onChange={(e) => setForm({ ...form, threshold: Number(e.target.value) })} />
            </label>
            <label>
              <span>Generation attempts</span>
              <small className="muted">Corrections before asking for review (1–10)</small>
              <input type="number" min={1} max={10} value={form.attempts} onChange={(e) => setForm({ ...form, attempts: Number(e.target.value) })} />
            </label>
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => void check()} disabled={checking}>
                {checking ? 'Checking…' : 'Check models'}
              </button>
              <button type="submit" className="primary">
                Save settings
              </button>
            </div>
          </form>
        )}
        {checks && (
          <ul className="checks">
            {checks.map((c) => (
              <li key={c.role} className={c.available ? 'ok' : 'bad'}>
                <strong>{c.model}</strong> ({c.role}): {c.available ? 'available' : (c.error?.message ?? 'not available')}
                {c.error?.successor && ` — try ${c.error.successor}`}
              </li>
            ))}
          </ul>
        )}
        {view?.warnings.map((w) => (
          <ErrorNote key={w.message}>{w.message}</ErrorNote>
        ))}
        {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
      </section>
      {view && <EndpointSection view={view} onSaved={load.set} />}
    </div>
  );
}
