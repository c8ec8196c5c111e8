import { useState, type DragEvent } from 'react';
import type { BrandDetail, LogoView } from '../../../../shared/ipc/contract';
import { LOGO_VARIANTS, LOGO_VARIANT_LABELS, type LogoVariant } from '../../../../shared/vocab/logos';
import { errorMessage, mobius, unwrap } from '../../ipc/client';

const ACCEPTED = /\.(svg|png|pdf|jpe?g|webp)$/i;

function origin(logo: LogoView): string {
  if (logo.page === null) return 'Added by hand';
  return `From the PDF, page ${logo.page}${logo.source === 'raster' ? ' (image)' : logo.source === 'vector' ? ' (drawing)' : ''}`;
}

function LogoCard({ logo, busy, onChoose, onRemove, onReplace }: { logo: LogoView; busy: boolean; onChoose(v: LogoVariant): void; onRemove(): void; onReplace(): void }) {
  return (
    <li className={`logo-card${logo.in_use ? ' in-use' : ''}`}>
      <div className={`logo-stage${logo.variant === 'reversed' ? ' dark' : ''}`}>
        <img src={logo.image_url} alt={`${LOGO_VARIANT_LABELS[logo.variant]} logo`} />
      </div>
      <div className="logo-meta">
        <div className="logo-badges">
          <strong>{LOGO_VARIANT_LABELS[logo.variant]}</strong>
          {logo.in_use && <span className="badge">In use</span>}
          {!logo.verified && (
            <span className="badge warn" title="Mobius picked this file from the PDF; confirm it by choosing it, or delete it">
              Check · {Math.round(logo.confidence * 100)} %
            </span>
          )}
        </div>
        <span className="muted small">
          {origin(logo)} · <span className="mono">{logo.id}</span>
        </span>
        <div className="logo-actions">
          <label className="sr-only" htmlFor={`use-${logo.id}`}>
            Use as
          </label>
          <select
            id={`use-${logo.id}`}
            disabled={busy}
            value=""
            onChange={(e) => {
              if (e.target.value) onChoose(e.target.value as LogoVariant);
            }}
          >
            <option value="">Use as…</option>
            {LOGO_VARIANTS.map((v) => (
              <option key={v} value={v}>
                {LOGO_VARIANT_LABELS[v]}
              </option>
            ))}
          </select>
          <button type="button" className="ghost small" disabled={busy} onClick={onReplace}>
            Replace…
          </button>
          <button type="button" className="ghost small danger" disabled={busy} onClick={onRemove}>
            Delete
          </button>
        </div>
      </div>
    </li>
  );
}

/**
 * The brand's logo files (docs/ARCHITECTURE.md, "Logos"): each variant with where it came from,
 * which one generation and audits use, and the picks from the PDF still to check. Drop an SVG,
 * PNG or PDF to add one; every change is a new version of the brand.
 */
export function LogosSection({ detail, onChange, notify }: { detail: BrandDetail; onChange(next: BrandDetail): void; notify(text: string): void }) {
  const [variant, setVariant] = useState<LogoVariant>('primary');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const brandId = detail.brand.brand_id;

  const run = async (action: () => Promise<BrandDetail>, done: (next: BrandDetail) => string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      onChange(next);
      notify(done(next));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const add = (path: string, as: LogoVariant, replace?: string) =>
    run(
      () => unwrap(mobius().brands.addLogo({ brand_id: brandId, path, variant: as, ...(replace ? { replace } : {}), base_version: detail.brand.version })),
      (next) => `Logo saved as version ${next.brand.version}`,
    );

  const choose = async (as: LogoVariant, replace?: string) => {
    const picked = await mobius().dialog.openFile({ kind: 'logo' });
    if (picked.ok && picked.value.path) await add(picked.value.path, as, replace);
  };

  const drop = async (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    // The logo drop zone owns this drop: the brand screen's own drop audits images.
    e.stopPropagation();
    setOver(false);
    const file = Array.from(e.dataTransfer.files).find((f) => ACCEPTED.test(f.name));
    if (!file) {
      setError('Drop an SVG, PNG, JPEG, WebP or PDF logo file.');
      return;
    }
    await add(await mobius().pathForFile(file), variant);
  };

  return (
    <section className="panel" aria-labelledby="logos-title">
      <h2 id="logos-title">Logo</h2>
      {error && <p className="error-text small" role="alert">{error}</p>}
      {detail.logos.length > 0 ? (
        <ul className="logo-grid" aria-label="Logo files">
          {detail.logos.map((logo) => (
            <LogoCard
              key={logo.id}
              logo={logo}
              busy={busy}
              onChoose={(as) => void run(() => unwrap(mobius().brands.chooseLogo({ brand_id: brandId, logo_id: logo.id, variant: as, base_version: detail.brand.version })), () => `${LOGO_VARIANT_LABELS[as]} logo chosen`)}
              onRemove={() => {
                if (window.confirm('Delete this logo file from the brand? Earlier versions keep it.')) void run(() => unwrap(mobius().brands.removeLogo({ brand_id: brandId, logo_id: logo.id, base_version: detail.brand.version })), () => 'Logo deleted');
              }}
              onReplace={() => void choose(logo.variant, logo.id)}
            />
          ))}
        </ul>
      ) : (
        <p className="muted small">No logo file yet. Without one, generated images are told not to draw any logo.</p>
      )}
      <div
        className={`logo-drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void drop(e)}
      >
        <span>Drop an SVG, PNG or PDF logo here, as</span>
        <label className="sr-only" htmlFor="logo-variant">
          Variant
        </label>
        <select id="logo-variant" value={variant} onChange={(e) => setVariant(e.target.value as LogoVariant)} disabled={busy}>
          {LOGO_VARIANTS.map((v) => (
            <option key={v} value={v}>
              {LOGO_VARIANT_LABELS[v]}
            </option>
          ))}
        </select>
        <button type="button" className="secondary small" disabled={busy} onClick={() => void choose(variant)}>
          Choose file…
        </button>
      </div>
    </section>
  );
}
