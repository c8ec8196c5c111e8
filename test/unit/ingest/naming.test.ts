import { describe, expect, it } from 'vitest';
import { describeColor, describeColors } from '../../../electron/core/ingest/color-names';
import { labelKind } from '../../../electron/core/ingest/label-kind';
import { nameFromTitle } from '../../../electron/core/ingest/brand-name';
import { familyFromFontName } from '../../../electron/core/ingest/typography';

describe('colour names and labels', () => {
  it('describes a colour the document does not name', () => {
    expect(describeColor('#FFFFFF')).toBe('White');
    expect(describeColor('#FFFBF9')).toBe('Off-white');
    expect(describeColor('#14213D')).toBe('Navy');
    expect(describeColor('#C8102E')).toBe('Red');
    expect(describeColor('#111111')).toBe('Black');
    expect(describeColor('#395C6B')).toBe('Slate Blue');
  });

  it('keeps generated names distinct within a palette', () => {
    const names = describeColors(['#14213D', '#1B2A49', '#FFFFFF']);
    expect(new Set(names).size).toBe(3);
    expect(names[2]).toBe('White');
  });

  it('classifies what is printed next to a swatch', () => {
    expect(labelKind('Harbour Blue', 'Harbour Blue')).toBe('name');
    expect(labelKind('Colors', 'Colors')).toBe('heading');
    expect(labelKind('Färger', 'Färger')).toBe('heading');
    expect(labelKind('Accent', 'Accent')).toBe('role');
    expect(labelKind('Paper', 'Paper')).toBe('role-name');
    expect(labelKind('These are the only shades that can', 'These are the only shades that can')).toBe('prose');
    expect(labelKind('vibrancy & contrast to your design', 'vibrancy & contrast to your design')).toBe('prose');
    expect(labelKind('Used mostly as a hover color', 'Used mostly as a hover color')).toBe('prose');
    expect(labelKind('Aa Bb Cc Dd Ee Ff Gg Hh', 'Aa Bb Cc Dd Ee Ff Gg Hh')).toBe('specimen');
    expect(labelKind('Thin', 'Thin')).toBe('specimen');
    expect(labelKind('Black', 'Black')).toBe('name');
    expect(labelKind('-', '-')).toBe('noise');
    expect(labelKind('gradient( deg', 'gradient( deg')).toBe('noise');
    expect(labelKind('#0057B8', '')).toBe('value');
  });

  it('reads the brand from a meaningful title only', () => {
    expect(nameFromTitle('SST-Brand-Standards')).toBe('SST');
    expect(nameFromTitle('Norvik Brand Guidelines 2024')).toBe('Norvik');
    expect(nameFromTitle('Untitled')).toBeNull();
    expect(nameFromTitle('Microsoft Word - brand-book-final.docx')).toBeNull();
    expect(nameFromTitle('(anonymous)')).toBeNull();
    expect(nameFromTitle('Brand Guidelines')).toBeNull();
  });

  it('folds embedded font names into families', () => {
    expect(familyFromFontName('SNBOLB+NunitoSans-Regular')).toBe('Nunito Sans');
    expect(familyFromFontName('UFKFEE+SourceSansPro-Regular')).toBe('Source Sans Pro');
    expect(familyFromFontName('RobotoSlab-Bold')).toBe('Roboto Slab');
  });
});
