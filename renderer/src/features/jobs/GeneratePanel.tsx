import { useEffect, useState } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorNote, LoadStatus } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { relativeTime } from '../../lib/format';
import { ASPECT_RATIO_OPTIONS, IMAGE_SIZE_OPTIONS, isFinished, upsertJob, type AspectRatio, type ImageSize } from '../../lib/jobs';
import { useLoad } from '../../lib/use-load';
import { useRoute } from '../../stores/route';
import { useStatus } from '../../stores/status';

/** Prompt → a generation job of this brand; opens the job view, where it corrects itself live. */
export function GeneratePanel({ brandId, brandName }: { brandId: string; brandName: string }) {
  const go = useRoute((s) => s.go);
  const key = useStatus((s) => s.key);
  const [prompt, setPrompt] = useState('');
  const [aspect, setAspect] = useState<AspectRatio>('1:1');
  const [size, setSize] = useState<ImageSize>('1K');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noKey = key !== null && !key.has_key;

  const submit = async () => {
    if (!prompt.trim() || noKey) return;
    setBusy(true);
    setError(null);
    try {
      const job = await unwrap(mobius().jobs.generate({ brand_id: brandId, prompt: prompt.trim(), aspect_ratio: aspect, image_size: size, idempotency_key: crypto.randomUUID() }));
      go({ screen: 'job', jobId: job.job_id });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <section className="panel generate" aria-labelledby="generate-title">
      <h2 id="generate-title">Generate</h2>
      <form
        className="generate-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          <span>Describe the image</span>
          <textarea
            value={prompt}
            rows={3}
            maxLength={4000}
            placeholder={`e.g. A launch poster for ${brandName}'s spring collection`}
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={(e) => {
              // ⌘/Ctrl+Enter submits, like most prompt boxes.
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                void submit();
              }
            }}
            disabled={busy || noKey}
          />
        </label>
        <div className="generate-options">
          <label>
            <span>Aspect ratio</span>
            <select value={aspect} onChange={(e) => setAspect(e.target.value as AspectRatio)} disabled={busy || noKey}>
              {ASPECT_RATIO_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Size</span>
            <select value={size} onChange={(e) => setSize(e.target.value as ImageSize)} disabled={busy || noKey}>
              {IMAGE_SIZE_OPTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || noKey || !prompt.trim()}>
            {busy ? 'Starting…' : 'Generate'}
          </button>
        </div>
      </form>
      {noKey && (
        <p className="muted small" data-testid="generate-needs-key">
          Generation uses Gemini. <a href="#/settings">Add your Gemini API key in Settings</a> to start.
        </p>
      )}
      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
    </section>
  );
}

/** The brand's recent generations, updated live from jobs.updated. */
export function RecentJobs({ brandId }: { brandId: string }) {
  const load = useLoad(() => unwrap(mobius().jobs.list({ brand_id: brandId })), [brandId]);
  const { set } = load;
  const jobs = load.data;
  useEffect(
    () =>
      mobius().on('jobs.updated', ({ job }) => {
        if (job.brand_id === brandId) set((current) => upsertJob(current ?? [], job));
      }),
    [brandId, set],
  );

  if (!jobs) return load.error ? <LoadStatus load={load} label="Loading generations" /> : null;
  if (jobs.length === 0) return <p className="muted small">No generations yet.</p>;
  return (
    <ul className="job-list" aria-label="Recent generations">
      {jobs.slice(0, 8).map((job) => (
        <li key={job.job_id}>
          <a className="job-row" href={`#/jobs/${encodeURIComponent(job.job_id)}`}>
            <span className="job-prompt">{job.state.prompt || 'Untitled'}</span>
            <span className="job-meta small muted">
              <StatusBadge status={job.status} />
              {!isFinished(job.status) && <span>{job.progress}%</span>}
              {job.state.latest_score !== null && <span className="mono">{Math.round(job.state.latest_score)}</span>}
              {job.attempt_count > 0 && <span>{job.attempt_count === 1 ? '1 attempt' : `${job.attempt_count} attempts`}</span>}
              <span>{relativeTime(job.created_at)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
