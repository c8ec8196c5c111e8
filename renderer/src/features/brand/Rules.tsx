import { useState } from 'react';
import type { BrandGuidelines, BrandRule } from '../../../../shared/schema';
import { pages } from '../../lib/brand';

export function TypographySection({ typography }: { typography: BrandGuidelines['typography'] }) {
  return (
    <section className="panel" aria-labelledby="type-title">
      <h2 id="type-title">Typography</h2>
      {typography.length === 0 && <p className="muted">No typefaces named in the guidelines.</p>}
      <ul className="type-list">
        {typography.map((t, i) => (
          <li key={`${t.family}-${i}`} className="type-item">
            <div className="specimen" style={{ fontFamily: `"${t.family}", system-ui, sans-serif` }}>
              <span className="specimen-big">Aa</span>
              <span className="specimen-line">The quick brown fox jumps over the lazy dog</span>
            </div>
            <div className="type-meta">
              <strong>{t.family}</strong>
              <span className="muted small">
                {[t.usage, t.weights.length ? `weights ${t.weights.join(', ')}` : '', pages(t.provenance)].filter(Boolean).join(' · ')}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RuleItem({ rule, editing, onRemove }: { rule: BrandRule; editing: boolean; onRemove(): void }) {
  return (
    <li className={`rule ${rule.negative_constraint ? 'dont' : 'do'}`}>
      <span className="rule-mark" aria-hidden="true">{rule.negative_constraint ? '✕' : '✓'}</span>
      <span className="rule-text">{rule.instruction}</span>
      <span className="muted small rule-source">
        {rule.severity === 'critical' && <span className="badge bad inline">critical</span>} {pages(rule.provenance)}
      </span>
      {editing && (
        <button type="button" className="ghost small danger" onClick={onRemove} aria-label={`Remove rule: ${rule.instruction}`}>
          Remove
        </button>
      )}
    </li>
  );
}

export function RulesSection({ guidelines, editing, onChange }: { guidelines: BrandGuidelines; editing: boolean; onChange(rules: BrandRule[]): void }) {
  const [text, setText] = useState('');
  const [negative, setNegative] = useState(false);
  const indexed = guidelines.rules.map((rule, index) => ({ rule, index }));
  const dos = indexed.filter((r) => !r.rule.negative_constraint);
  const donts = indexed.filter((r) => r.rule.negative_constraint);
  const remove = (index: number) => onChange(guidelines.rules.filter((_, i) => i !== index));
  // Every logo file carries the same rules: list each set of rules once (the files are in the Logo section).
  const logoRules = guidelines.logos.filter(
    (l, i, all) => (l.min_width_px > 0 || l.clear_space_ratio > 0 || l.forbidden_backgrounds.length > 0) && all.findIndex((o) => o.min_width_px === l.min_width_px && o.clear_space_ratio === l.clear_space_ratio && o.forbidden_backgrounds.join() === l.forbidden_backgrounds.join()) === i,
  );
  const add = () => {
    if (!text.trim()) return;
    onChange([...guidelines.rules, { category: 'visual', instruction: text.trim(), severity: 'warning', negative_constraint: negative, provenance: [{ page: 1, source: 'user' }] }]);
    setText('');
  };
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">Do&apos;s and don&apos;ts</h2>
      <div className="rules-columns">
        <div>
          <h3>Do</h3>
          <ul className="rules">{dos.map(({ rule, index }) => <RuleItem key={index} rule={rule} editing={editing} onRemove={() => remove(index)} />)}</ul>
          {dos.length === 0 && <p className="muted small">None found.</p>}
        </div>
        <div>
          <h3>Don&apos;t</h3>
          <ul className="rules">{donts.map(({ rule, index }) => <RuleItem key={index} rule={rule} editing={editing} onRemove={() => remove(index)} />)}</ul>
          {donts.length === 0 && <p className="muted small">None found.</p>}
        </div>
      </div>
      {editing && (
        <form className="add-rule" onSubmit={(e) => (e.preventDefault(), add())}>
          <label className="grow">
            <span>New rule</span>
            <input value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Keep the logo on Paper or Ocean" />
          </label>
          <label className="inline-check">
            <input type="checkbox" checked={negative} onChange={(e) => setNegative(e.target.checked)} /> Don&apos;t
          </label>
          <button type="submit" className="secondary">
            Add rule
          </button>
        </form>
      )}
      {logoRules.length > 0 && (
        <>
          <h3>Logo</h3>
          <ul className="rules">
            {logoRules.map((l, i) => (
              <li key={i} className="rule do">
                <span className="rule-mark" aria-hidden="true">◎</span>
                <span className="rule-text">
                  {logoRules.length > 1 ? l.variant_name || 'Logo' : 'Logo'}
                  {l.min_width_px > 0 && ` — at least ${l.min_width_px} px wide`}
                  {l.clear_space_ratio > 0 && `, clear space ${Math.round(l.clear_space_ratio * 100)}% of its height`}
                  {l.forbidden_backgrounds.length > 0 && `; never on ${l.forbidden_backgrounds.join(', ')}`}
                </span>
                <span className="muted small rule-source">{pages(l.provenance)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
