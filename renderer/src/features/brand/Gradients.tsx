import type { Gradient } from '../../../../shared/schema';
import { pages } from '../../lib/brand';

/** CSS for a gradient as the guidelines define it (stops in order, positions when stated). */
export function gradientCss(g: Gradient): string {
  const stops = g.stops.map((s) => (s.position === null || s.position === undefined ? s.hex : `${s.hex} ${Math.round(s.position * 100)}%`));
  return `linear-gradient(${g.angle ?? 90}deg, ${stops.join(', ')})`;
}

/** The brand's gradients: blends it allows, kept apart from the solid palette. */
export function GradientsSection({ gradients }: { gradients: readonly Gradient[] }) {
  if (gradients.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="gradients-title">
      <h2 id="gradients-title">Gradients</h2>
      <p className="muted small">Blends the guidelines define, kept apart from the solid palette: their stops are not palette colours.</p>
      <ul className="gradients" aria-label="Gradients">
        {gradients.map((g, i) => (
          <li key={`${g.name}-${i}`} className="gradient">
            <div className="gradient-bar" style={{ background: gradientCss(g) }} role="img" aria-label={`${g.name}: ${g.stops.map((s) => s.hex).join(' to ')}`} />
            <div className="gradient-meta">
              <strong>{g.name}</strong>
              <span className="muted small">
                {g.stops.map((s) => s.hex).join(' → ')}
                {g.angle !== null && g.angle !== undefined ? ` · ${g.angle}°` : ''}
                {pages(g.provenance) ? ` · ${pages(g.provenance)}` : ''}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
