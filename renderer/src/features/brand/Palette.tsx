import type { Color, ColorUsage } from '../../../../shared/schema';
import { COLOR_USAGES, SIXTY_THIRTY_TEN, SIXTY_THIRTY_TEN_GROUPS, SIXTY_THIRTY_TEN_LABELS, USAGE_LABELS, groupByUsage, pages, textOn, usageByGroup } from '../../lib/brand';
import { percent } from '../../lib/format';
import { useStatus } from '../../stores/status';

/** The name was made by Mobius from the colour (the PDF gives none); a designer's edit makes it theirs. */
const generatedName = (c: Color) => c.provenance.some((p) => p.field === 'name' && p.source === 'generated');
const modelName = (c: Color) => c.provenance.some((p) => p.field === 'name' && p.source === 'model');
function renamed(c: Color, name: string): Color {
  const page = c.provenance[0]?.page ?? 1;
  return { ...c, name, provenance: [...c.provenance.filter((p) => p.field !== 'name'), { page, source: 'user', field: 'name' }] };
}

function Swatch({ color, editing, onChange, onRemove }: { color: Color; editing: boolean; onChange(c: Color): void; onRemove(): void }) {
  const notify = useStatus((s) => s.notify);
  const copy = () => {
    void navigator.clipboard?.writeText(color.hex).then(
      () => notify(`Copied ${color.hex}`),
      () => notify(`${color.hex} (copy not permitted)`),
    );
  };
  return (
    <li className={`swatch${color.verified ? '' : ' unverified'}`}>
      <button type="button" className="swatch-chip" style={{ background: color.hex, color: textOn(color.hex) }} onClick={copy} aria-label={`Copy ${color.name} ${color.hex}`} title="Copy hex">
        <span className="swatch-hex">{color.hex}</span>
      </button>
      {editing ? (
        <div className="swatch-edit">
          <label>
            <span>Name</span>
            <input value={color.name} onChange={(e) => onChange(renamed(color, e.target.value))} />
          </label>
          <label>
            <span>Role</span>
            <select value={color.usage} onChange={(e) => onChange({ ...color, usage: e.target.value as ColorUsage })}>
              {COLOR_USAGES.map((u) => (
                <option key={u} value={u}>
                  {USAGE_LABELS[u]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Weight %</span>
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={Math.round(color.usage_weight * 100)}
              onChange={(e) => onChange({ ...color, usage_weight: Math.min(1, Math.max(0, Number(e.target.value) / 100)) })}
            />
          </label>
          <button type="button" className="ghost small danger" onClick={onRemove} aria-label={`Remove ${color.name}`}>
            Remove
          </button>
        </div>
      ) : (
        <div className="swatch-meta">
          <strong>{color.name || 'Unnamed'}</strong>
          {generatedName(color) && (
            <span className="badge name-source" title="The PDF gives this colour no name; Mobius named it from the colour. Rename it if the brand has a name for it.">
              generated name
            </span>
          )}
          {modelName(color) && (
            <span className="badge name-source" title="Name read by Gemini from the PDF">
              named by Gemini
            </span>
          )}
          <span className="muted small">
            {percent(color.usage_weight)} use · {percent(color.confidence)} conf.
          </span>
          <span className="muted small">
            {pages(color.provenance) || 'no source page'}
            {!color.verified && <span className="badge warn inline">not in PDF</span>}
          </span>
        </div>
      )}
    </li>
  );
}

export function PaletteSection({ colors, editing, onChange }: { colors: Color[]; editing: boolean; onChange(colors: Color[]): void }) {
  const groups = groupByUsage(colors);
  return (
    <section className="panel" aria-labelledby="palette-title">
      <h2 id="palette-title">Palette</h2>
      {groups.length === 0 && <p className="muted">No colours found. Add them by editing the brand.</p>}
      <div className="palette-groups">
      {groups.map((g) => (
        <div key={g.usage} className="usage-group" data-usage={g.usage}>
          <h3>{USAGE_LABELS[g.usage]}</h3>
          <ul className="swatches" aria-label={`${USAGE_LABELS[g.usage]} colours`}>
            {g.colors.map(({ color, index }) => (
              <Swatch
                key={index}
                color={color}
                editing={editing}
                onChange={(c) => onChange(colors.map((x, i) => (i === index ? c : x)))}
                onRemove={() => onChange(colors.filter((_, i) => i !== index))}
              />
            ))}
          </ul>
        </div>
      ))}
      </div>
    </section>
  );
}

export function RoleBalance({ colors }: { colors: Color[] }) {
  const actual = usageByGroup(colors);
  const groups = SIXTY_THIRTY_TEN_GROUPS;
  const hasWeights = groups.some((g) => actual[g] > 0);
  return (
    <section className="panel" aria-labelledby="balance-title">
      <h2 id="balance-title">Usage weights vs 60-30-10</h2>
      {!hasWeights && <p className="muted">The guidelines give no usage weights; audits fall back to 60-30-10.</p>}
      <div className="balance">
        {groups.map((g) => (
          <div key={g} className="balance-row">
            <span className="balance-label">{SIXTY_THIRTY_TEN_LABELS[g]}</span>
            <div className="balance-bars">
              <div className="bar measured" style={{ width: percent(actual[g]) }} title={`Guidelines: ${percent(actual[g])}`} />
              <div className="bar target" style={{ width: percent(SIXTY_THIRTY_TEN[g]) }} title={`60-30-10: ${percent(SIXTY_THIRTY_TEN[g])}`} />
            </div>
            <span className="balance-values small">
              {percent(actual[g])} <span className="muted">/ {percent(SIXTY_THIRTY_TEN[g])}</span>
            </span>
          </div>
        ))}
      </div>
      <p className="legend small muted">
        <span className="key measured" /> guidelines&apos; usage weights <span className="key target" /> 60-30-10 target
      </p>
    </section>
  );
}
