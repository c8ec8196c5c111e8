import { generateBrandPdf } from '../fixtures/pdf/brand-pdf';
import { PALETTE } from '../fixtures/images/generate';

/** A guidelines PDF whose palette is the audit fixtures' palette, so generated images can be audited against it. */
export function fixtureBrandPdf() {
  return generateBrandPdf({
    colors: [
      { name: 'Ocean', hex: PALETTE.ocean, role: 'primary', notation: 'hex' },
      { name: 'Sky', hex: PALETTE.sky, role: 'secondary', notation: 'hex' },
      { name: 'Coral', hex: PALETTE.coral, role: 'accent', notation: 'hex' },
      { name: 'Paper', hex: PALETTE.paper, role: 'neutral', notation: 'hex' },
      { name: 'Ink', hex: PALETTE.ink, role: 'neutral', notation: 'hex' },
    ],
    fonts: [{ family: 'Inter', label: 'Primary font' }],
    dos: ['use generous white space around the logo'],
    donts: ['place the logo on busy photography'],
    misuseColors: [],
    layout: 'table',
    specimen: false,
    minLogoPx: 96,
  });
}
