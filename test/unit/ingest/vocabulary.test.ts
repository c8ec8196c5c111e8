import { describe, expect, it } from 'vitest';
import { fold, fuzzyRoleFromText, mentionsSection, onlyVocabulary, roleFromText, LANGUAGES, ROLE_TERMS, SECTION_TERMS, type VocabularyLanguage } from '../../../electron/core/ingest/vocabulary';

/** How brand books in each language word roles and sections (spelled as printed, accents and all). */
const CASES: Record<VocabularyLanguage, { roles: [string, string][]; sections: [string, string][] }> = {
  en: {
    roles: [['Primary Colours', 'primary'], ['Supporting palette', 'secondary'], ['Accent colour', 'accent'], ['Neutrals', 'neutral'], ['Success', 'semantic']],
    sections: [['Colour Palette', 'colors'], ['Typefaces', 'typography'], ['Logo', 'logo'], ["Don'ts", 'dont'], ['Gradients', 'gradient']],
  },
  de: {
    roles: [['Primärfarben', 'primary'], ['Sekundärfarbe', 'secondary'], ['Akzentfarbe', 'accent'], ['Neutrale Farben', 'neutral'], ['Signalfarben', 'semantic']],
    sections: [['Farbwelt', 'colors'], ['Typografie', 'typography'], ['Wortmarke', 'logo'], ['Falsch', 'dont'], ['Farbverläufe', 'gradient']],
  },
  fr: {
    roles: [['Couleurs primaires', 'primary'], ['Couleurs secondaires', 'secondary'], ["Couleurs d’accent", 'accent'], ['Couleurs neutres', 'neutral'], ["Couleurs d'état", 'semantic']],
    sections: [['Couleurs', 'colors'], ['Typographie', 'typography'], ['Logotype', 'logo'], ['À éviter', 'dont'], ['Dégradés', 'gradient']],
  },
  es: {
    roles: [['Colores primarios', 'primary'], ['Colores secundarios', 'secondary'], ['Color de acento', 'accent'], ['Colores neutros', 'neutral'], ['Colores de estado', 'semantic']],
    sections: [['Paleta cromática', 'colors'], ['Tipografía', 'typography'], ['Logotipo', 'logo'], ['Incorrecto', 'dont'], ['Degradados', 'gradient']],
  },
  it: {
    roles: [['Colori primari', 'primary'], ['Colori secondari', 'secondary'], ["Colori d'accento", 'accent'], ['Colori neutri', 'neutral'], ['Colori di stato', 'semantic']],
    sections: [['Colori', 'colors'], ['Tipografia', 'typography'], ['Marchio', 'logo'], ['Da evitare', 'dont'], ['Sfumature', 'gradient']],
  },
  pt: {
    roles: [['Cores primárias', 'primary'], ['Cores secundárias', 'secondary'], ['Cores de destaque', 'accent'], ['Cores neutras', 'neutral'], ['Cores de estado', 'semantic']],
    sections: [['Paleta de cores', 'colors'], ['Tipografia', 'typography'], ['Logotipo', 'logo'], ['Incorreto', 'dont'], ['Gradientes', 'gradient']],
  },
  nl: {
    roles: [['Primaire kleuren', 'primary'], ['Secundaire kleuren', 'secondary'], ['Accentkleuren', 'accent'], ['Neutrale kleuren', 'neutral'], ['Signaalkleuren', 'semantic']],
    sections: [['Kleurenpalet', 'colors'], ['Lettertypen', 'typography'], ['Beeldmerk', 'logo'], ['Niet doen', 'dont'], ['Kleurverlopen', 'gradient']],
  },
  sv: {
    roles: [['Primärfärger', 'primary'], ['Komplementfärg', 'secondary'], ['Accentfärg', 'accent'], ['Neutrala färger', 'neutral'], ['Signalfärger', 'semantic']],
    sections: [['Färger', 'colors'], ['Typsnitt', 'typography'], ['Logotyp', 'logo'], ['Undvik', 'dont'], ['Färgövergångar', 'gradient']],
  },
  da: {
    roles: [['Primære farver', 'primary'], ['Sekundære farver', 'secondary'], ['Accentfarve', 'accent'], ['Neutrale farver', 'neutral'], ['Statusfarver', 'semantic']],
    sections: [['Farvepalet', 'colors'], ['Skrifttyper', 'typography'], ['Logo', 'logo'], ['Undgå', 'dont'], ['Farveforløb', 'gradient']],
  },
  no: {
    roles: [['Primærfarger', 'primary'], ['Sekundærfarger', 'secondary'], ['Aksentfarge', 'accent'], ['Nøytrale farger', 'neutral'], ['Signalfarger', 'semantic']],
    sections: [['Fargepalett', 'colors'], ['Typografi', 'typography'], ['Logo', 'logo'], ['Unngå', 'dont'], ['Fargeoverganger', 'gradient']],
  },
};

describe('role and section vocabulary (data, ten languages)', () => {
  it('has terms for every role and section in every language', () => {
    for (const language of LANGUAGES) {
      for (const terms of Object.values(ROLE_TERMS)) expect(terms[language]?.length ?? 0).toBeGreaterThan(0);
      for (const terms of Object.values(SECTION_TERMS)) expect(terms[language]?.length ?? 0).toBeGreaterThan(0);
    }
  });

  for (const language of LANGUAGES) {
    it(`reads roles and sections in ${language}, with or without diacritics`, () => {
      for (const [text, role] of CASES[language].roles) {
        expect(roleFromText(text)?.role, text).toBe(role);
        expect(roleFromText(fold(text).toUpperCase())?.role, `${text} folded`).toBe(role);
        expect(onlyVocabulary(text), text).toBe(true);
      }
      for (const [text, section] of CASES[language].sections) expect(mentionsSection(text, section as never), text).toBe(true);
    });
  }

  it('folds diacritics, ligatures and Nordic letters', () => {
    expect(fold('Färger Nøytral Primær Straße Dégradé')).toBe('farger noytral primar strasse degrade');
  });

  it('prefers the surface word when a label names two roles, and tells names from headings', () => {
    expect(roleFromText('Primary Background')?.role).toBe('neutral');
    expect(onlyVocabulary('Ocean Blue')).toBe(false);
    expect(onlyVocabulary('Accentfärg')).toBe(true);
  });

  it('matches OCR text that misread one letter of a role word, and nothing else', () => {
    expect(fuzzyRoleFromText('Secundéria')?.role).toBe('secondary');
    expect(fuzzyRoleFromText('Akzentfarhe')?.role).toBe('accent');
    expect(fuzzyRoleFromText('Harbour Blue')).toBeNull();
  });
});
