import type { ReactNode } from 'react';
import type { Load } from '../lib/use-load';

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value)}>
      <div className="progress-fill" style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
    </div>
  );
}

export function ErrorNote({ children, onDismiss }: { children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className="error-note" role="alert">
      <span className="error-icon" aria-hidden="true">!</span>
      <div className="error-text">{children}</div>
      {onDismiss && (
        <button type="button" className="ghost small" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner" role="status" aria-label={label}>
      <span aria-hidden="true" />
    </span>
  );
}

export function PaletteStrip({ colors, label }: { colors: readonly { hex: string; name: string; usage_weight: number }[]; label: string }) {
  const total = colors.reduce((s, c) => s + Math.max(c.usage_weight, 0.04), 0) || 1;
  return (
    <div className="palette-strip" role="img" aria-label={label}>
      {colors.map((c, i) => (
        <span key={`${c.hex}-${i}`} title={`${c.name} ${c.hex}`} style={{ background: c.hex, flexGrow: Math.max(c.usage_weight, 0.04) / total }} />
      ))}
    </div>
  );
}

export function ScoreRing({ score, tone, size = 72, label }: { score: number; tone: 'good' | 'warn' | 'bad'; size?: number; label: string }) {
  const r = size / 2 - 6;
  const c = 2 * Math.PI * r;
  return (
    <svg className={`score-ring tone-${tone}`} width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <circle cx={size / 2} cy={size / 2} r={r} className="track" />
      <circle cx={size / 2} cy={size / 2} r={r} className="value" strokeDasharray={`${(c * score) / 100} ${c}`} transform={`rotate(-90 ${size / 2} ${size / 2})`} />
      <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle">
        {Math.round(score)}
      </text>
    </svg>
  );
}

/** What a screen shows until its data is there: a spinner, or the error with a Retry button. */
export function LoadStatus({ load, label }: { load: Pick<Load<unknown>, 'error' | 'loading' | 'reload'>; label: string }) {
  if (load.error) {
    return (
      <ErrorNote>
        {load.error}{' '}
        <button type="button" className="ghost small" onClick={() => void load.reload()} disabled={load.loading}>
          Retry
        </button>
      </ErrorNote>
    );
  }
  return <Spinner label={label} />;
}
