import { useState } from 'react';
import type { TemplateView } from '../../../../shared/ipc/contract';
import { ErrorNote, LoadStatus } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { relativeTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { useStatus } from '../../stores/status';

function TemplateCard({ template, onGenerated, onDeleted }: { template: TemplateView; onGenerated(jobId: string): void; onDeleted(): void }) {
  const key = useStatus((s) => s.key);
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noKey = key !== null && !key.has_key;

  const generate = async () => {
    if (!prompt.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const job = await unwrap(mobius().templates.generate({ template_id: template.template_id, prompt: prompt.trim(), idempotency_key: crypto.randomUUID() }));
      onGenerated(job.job_id);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <li className="template-card panel">
      {template.image_url && <img src={template.image_url} alt="" />}
      <div className="template-body">
        <strong>{template.name}</strong>
        <p className="muted small">
          {template.aspect_ratio} · {template.image_size} · saved {relativeTime(template.created_at)}
        </p>
        <p className="small template-prompt">“{template.prompt}”</p>
        <form
          className="template-generate"
          onSubmit={(e) => {
            e.preventDefault();
            void generate();
          }}
        >
          <label className="grow">
            <span>New prompt in this style</span>
            <input value={prompt} maxLength={4000} onChange={(e) => setPrompt(e.target.value)} placeholder="e.g. The same poster for the autumn sale" disabled={busy || noKey} />
          </label>
          <button type="submit" className="primary" disabled={busy || noKey || !prompt.trim()}>
            {busy ? 'Starting…' : 'Generate'}
          </button>
        </form>
        {noKey && <p className="muted small">Generating needs a Gemini API key (Settings).</p>}
        {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
        <button type="button" className="ghost small danger" onClick={() => void unwrap(mobius().templates.delete({ template_id: template.template_id })).then(onDeleted, (e: unknown) => setError(errorMessage(e)))}>
          Remove template
        </button>
      </div>
    </li>
  );
}

/** A brand's templates: approved images saved for reuse, each generating new images in its style from a new prompt. */
export function TemplatesPanel({ brandId, onGenerated }: { brandId: string; onGenerated(jobId: string): void }) {
  const load = useLoad(() => unwrap(mobius().templates.list({ brand_id: brandId })), [brandId]);
  if (!load.data) return <LoadStatus load={load} label="Loading templates" />;
  if (load.data.length === 0) {
    return <p className="muted empty-library">No templates yet. Open an approved image and choose “Save as template” to reuse its prompt, format and style.</p>;
  }
  return (
    <ul className="templates" aria-label="Templates">
      {load.data.map((t) => (
        <TemplateCard key={t.template_id} template={t} onGenerated={onGenerated} onDeleted={() => void load.reload()} />
      ))}
    </ul>
  );
}
