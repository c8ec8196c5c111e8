import { useCallback, useState } from 'react';
import type { AssetView } from '../../../../shared/ipc/contract';
import type { BrandGuidelines, Color } from '../../../../shared/schema';
import { DropOverlay, useWindowDrop } from '../../components/FileDrop';
import { ErrorNote, LoadStatus, ProgressBar } from '../../components/ui';
import { errorMessage, mobius, unwrap } from '../../ipc/client';
import { scoreTone } from '../../lib/audit';
import { download } from '../../lib/download';
import { fileKind, relativeTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { useRoute } from '../../stores/route';
import { useStatus } from '../../stores/status';
import { GeneratePanel, RecentJobs } from '../jobs/GeneratePanel';
import { GradientsSection } from './Gradients';
import { LogosSection } from './Logos';
import { PaletteSection, RoleBalance } from './Palette';
import { RulesSection, TypographySection } from './Rules';

function AddColor({ onAdd }: { onAdd(c: Color): void }) {
  const [hex, setHex] = useState('#');
  const [name, setName] = useState('');
  const valid = /^#[0-9a-f]{6}$/i.test(hex);
  return (
    <form
      className="add-color"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onAdd({ name: name || hex.toUpperCase(), hex: hex.toUpperCase(), usage: 'accent', usage_weight: 0, context: null, confidence: 1, provenance: [], verified: true });
        setHex('#');
        setName('');
      }}
    >
      <label>
        <span>Hex</span>
        <input value={hex} onChange={(e) => setHex(e.target.value.trim())} aria-invalid={hex.length > 1 && !valid} placeholder="#RRGGBB" />
      </label>
      <label className="grow">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Coral" />
      </label>
      <button type="submit" className="secondary" disabled={!valid}>
        Add colour
      </button>
    </form>
  );
}

function AssetGrid({ assets }: { assets: AssetView[] }) {
  const go = useRoute((s) => s.go);
  if (assets.length === 0) return <p className="muted">No audited images yet. Drop a PNG, JPEG or WebP anywhere on this screen.</p>;
  return (
    <ul className="asset-grid" aria-label="Audited images">
      {assets.map((a) => {
        const score = a.asset.compliance;
        const tone = score ? scoreTone(score.overall_score, score.approved) : 'warn';
        return (
          <li key={a.asset.asset_id}>
            <a className="asset-card" href={`#/assets/${a.asset.asset_id}`} onClick={(e) => (e.preventDefault(), go({ screen: 'asset', assetId: a.asset.asset_id }))}>
              <img src={a.image_url} alt="" loading="lazy" />
              <span className={`score-chip tone-${tone}`}>{score ? Math.round(score.overall_score) : '–'}</span>
              <span className="muted small">{relativeTime(a.asset.created_at)}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function BrandScreen({ brandId }: { brandId: string }) {
  const go = useRoute((s) => s.go);
  const notify = useStatus((s) => s.notify);
  const load = useLoad(async () => {
    const [detail, assets] = await Promise.all([unwrap(mobius().brands.get({ brand_id: brandId })), unwrap(mobius().assets.list({ brand_id: brandId }))]);
    return { detail, assets };
  }, [brandId]);
  const detail = load.data?.detail ?? null;
  const assets = load.data?.assets ?? [];
  const setDetail = (next: NonNullable<typeof detail>) => load.set((current) => ({ detail: next, assets: current?.assets ?? [] }));
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<BrandGuidelines | null>(null);
  const [saving, setSaving] = useState(false);
  const [auditing, setAuditing] = useState<{ name: string; percent: number; error?: string } | null>(null);

  const audit = useCallback(
    async (file: File | { path: string; name: string }) => {
      const name = file.name;
      const auditId = crypto.randomUUID();
      setAuditing({ name, percent: 3 });
      const off = mobius().on('audit.progress', (p) => p.audit_id === auditId && setAuditing((s) => (s ? { ...s, percent: p.percent } : s)));
      try {
        const path = 'path' in file ? file.path : await mobius().pathForFile(file);
        const view = await unwrap(mobius().assets.importAndAudit({ brand_id: brandId, path, audit_id: auditId }));
        setAuditing(null);
        go({ screen: 'asset', assetId: view.asset.asset_id });
      } catch (e) {
        setAuditing({ name, percent: 0, error: errorMessage(e) });
      } finally {
        off();
      }
    },
    [brandId, go],
  );

  const dragging = useWindowDrop(
    useCallback(
      (files: File[]) => {
        const image = files.find((f) => fileKind(f.name, f.type) === 'image');
        if (image) void audit(image);
        else setAuditing({ name: files[0]?.name ?? 'file', percent: 0, error: 'Drop a PNG, JPEG or WebP image to audit it against this brand.' });
      },
      [audit],
    ),
    draft === null,
  );

  const chooseImage = async () => {
    const result = await mobius().dialog.openFile({ kind: 'image' });
    if (result.ok && result.value.path) void audit({ path: result.value.path, name: result.value.path.split(/[\\/]/).pop() ?? 'image' });
  };

  const save = async () => {
    if (!detail || !draft) return;
    setSaving(true);
    try {
      const next = await unwrap(mobius().brands.update({ brand_id: brandId, guidelines: draft, base_version: detail.brand.version }));
      setDetail(next);
      setDraft(null);
      notify(`Saved as version ${next.brand.version}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const resolveReview = async (note: string) => {
    if (!detail) return;
    try {
      const next = await unwrap(
        mobius().brands.update({
          brand_id: brandId,
          guidelines: detail.brand.guidelines,
          needs_review: detail.brand.needs_review.filter((n) => n !== note),
          base_version: detail.brand.version,
          note: 'Review note resolved',
        }),
      );
      setDetail(next);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const exportAs = async (format: 'mobius' | 'tokens' | 'css' | 'ase') => {
    try {
      const file = await unwrap(mobius().brands.export({ brand_id: brandId, format }));
      download(file.filename, file.mime, file.content, file.encoding);
      notify(`Exported ${file.filename}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const remove = async () => {
    if (!detail || !window.confirm(`Move “${detail.brand.name}” to the trash? Its history and images are kept.`)) return;
    try {
      await unwrap(mobius().brands.delete({ brand_id: brandId }));
      go({ screen: 'brands' });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (!detail) {
    return (
      <div className="screen">
        <LoadStatus load={load} label="Loading brand" />
      </div>
    );
  }
  const { brand } = detail;
  const guidelines = draft ?? brand.guidelines;
  const editing = draft !== null;

  return (
    <div className="screen">
      <DropOverlay visible={dragging} text={`Drop an image to audit it against ${brand.name}`} />
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/brands">Brands</a> <span aria-hidden="true">/</span> <span aria-current="page">{brand.name}</span>
      </nav>
      <header className="screen-head">
        <div>
          <h1>{brand.name}</h1>
          <p className="muted">
            Version {brand.version} · updated {relativeTime(brand.updated_at)}
            {brand.guidelines.source_filename ? ` · from ${brand.guidelines.source_filename}` : ''} ·{' '}
            <span title="Size of the compressed twin the image model receives">
              twin {detail.twin_tokens.toLocaleString()} tokens{detail.twin_within_limit ? '' : ' (over limit)'}
            </span>
          </p>
        </div>
        <div className="actions">
          {editing ? (
            <>
              <button type="button" className="ghost" onClick={() => setDraft(null)} disabled={saving}>
                Cancel
              </button>
              <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
                {saving ? 'Saving…' : 'Save as new version'}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="primary" onClick={() => void chooseImage()}>
                Audit an image…
              </button>
              <button type="button" className="secondary" onClick={() => setDraft(structuredClone(brand.guidelines))}>
                Edit
              </button>
              <a className="button-like secondary" href={`#/library/${encodeURIComponent(brandId)}`}>
                Library
              </a>
              <details className="menu">
                <summary className="secondary button-like">Export</summary>
                <div className="menu-items" role="menu">
                  <button type="button" role="menuitem" onClick={() => void exportAs('mobius')}>
                    Mobius JSON
                  </button>
                  <button type="button" role="menuitem" onClick={() => void exportAs('tokens')}>
                    Design tokens (W3C JSON)
                  </button>
                  <button type="button" role="menuitem" onClick={() => void exportAs('css')}>
                    CSS variables
                  </button>
                  <button type="button" role="menuitem" onClick={() => void exportAs('ase')}>
                    Adobe swatches (.ase)
                  </button>
                </div>
              </details>
              <button type="button" className="ghost danger" onClick={() => void remove()}>
                Delete
              </button>
            </>
          )}
        </div>
      </header>

      {error && <ErrorNote onDismiss={() => setError(null)}>{error}</ErrorNote>}
      {auditing && (
        <div className="panel inline-status" aria-live="polite">
          {auditing.error ? (
            <ErrorNote onDismiss={() => setAuditing(null)}>
              <strong>{auditing.name}:</strong> {auditing.error}
            </ErrorNote>
          ) : (
            <>
              <span>Auditing {auditing.name}…</span>
              <ProgressBar value={auditing.percent} label={`Auditing ${auditing.name}`} />
            </>
          )}
        </div>
      )}

      {brand.needs_review.length > 0 && (
        <section className="panel review" aria-labelledby="review-title">
          <h2 id="review-title">Needs review ({brand.needs_review.length})</h2>
          <ul>
            {brand.needs_review.map((note) => (
              <li key={note}>
                <span>{note}</span>
                {!editing && (
                  <button type="button" className="ghost small" onClick={() => void resolveReview(note)}>
                    Mark resolved
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="brand-layout">
        <div className="col">
          {!editing && <LogosSection detail={detail} onChange={setDetail} notify={notify} />}
          <PaletteSection colors={guidelines.colors} editing={editing} onChange={(colors) => setDraft({ ...guidelines, colors })} />
          {editing && (
            <div className="panel">
              <AddColor onAdd={(c) => setDraft({ ...guidelines, colors: [...guidelines.colors, c] })} />
            </div>
          )}
          <GradientsSection gradients={guidelines.gradients ?? []} />
          <RulesSection guidelines={guidelines} editing={editing} onChange={(rules) => setDraft({ ...guidelines, rules })} />
        </div>
        <div className="col">
          {!editing && <GeneratePanel brandId={brandId} brandName={brand.name} />}
          {!editing && (
            <section className="panel" aria-labelledby="jobs-title">
              <h2 id="jobs-title">Generations</h2>
              <RecentJobs brandId={brandId} />
            </section>
          )}
          <RoleBalance colors={guidelines.colors} />
          <TypographySection typography={guidelines.typography} />
          <section className="panel" aria-labelledby="assets-title">
            <h2 id="assets-title">Audits</h2>
            <AssetGrid assets={assets} />
          </section>
        </div>
      </div>
    </div>
  );
}
