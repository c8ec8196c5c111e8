/**
 * Widely used type families. Recognising a family by name (in a sentence about fonts or as
 * a specimen label on a typography page) is what lets the extractor tell brand typefaces
 * from words; names not listed here are still found through phrasing ("typeface is X").
 */
export const KNOWN_FAMILIES = [
  'Helvetica Neue', 'Helvetica', 'Arial', 'Arial Black', 'Times New Roman', 'Times', 'Georgia', 'Garamond', 'EB Garamond',
  'Verdana', 'Tahoma', 'Trebuchet MS', 'Calibri', 'Cambria', 'Segoe UI', 'San Francisco', 'SF Pro', 'SF Pro Display', 'SF Pro Text',
  'Roboto', 'Roboto Slab', 'Roboto Mono', 'Roboto Condensed', 'Open Sans', 'Lato', 'Montserrat', 'Oswald', 'Raleway', 'Poppins',
  'Source Sans Pro', 'Source Sans 3', 'Source Serif Pro', 'Source Code Pro', 'Noto Sans', 'Noto Serif', 'Ubuntu', 'Ubuntu Mono',
  'PT Sans', 'PT Serif', 'Merriweather', 'Playfair Display', 'Nunito', 'Nunito Sans', 'Inter', 'Work Sans', 'Rubik', 'Karla',
  'Fira Sans', 'Fira Code', 'Fira Mono', 'IBM Plex Sans', 'IBM Plex Serif', 'IBM Plex Mono', 'Inconsolata', 'JetBrains Mono',
  'DM Sans', 'DM Serif Display', 'DM Mono', 'Manrope', 'Mulish', 'Muli', 'Quicksand', 'Barlow', 'Barlow Condensed', 'Cabin',
  'Josefin Sans', 'Libre Baskerville', 'Libre Franklin', 'Baskerville', 'Bodoni', 'Didot', 'Futura', 'Gill Sans', 'Avenir',
  'Avenir Next', 'Proxima Nova', 'Gotham', 'Brandon Grotesque', 'Circular', 'Graphik', 'Akzidenz Grotesk', 'Univers', 'Frutiger',
  'Myriad Pro', 'Minion Pro', 'Futura PT', 'Franklin Gothic', 'Century Gothic', 'Gilroy', 'Sofia Pro', 'Museo Sans', 'Museo',
  'Space Grotesk', 'Space Mono', 'Archivo', 'Archivo Black', 'Arimo', 'Heebo', 'Hind', 'Titillium Web', 'Exo 2', 'Overpass',
  'Bebas Neue', 'Anton', 'Abril Fatface', 'Lora', 'Crimson Text', 'Crimson Pro', 'Cormorant Garamond', 'Spectral', 'Alegreya',
  'Zilla Slab', 'Arvo', 'Bitter', 'Rockwell', 'Courier New', 'Courier', 'Consolas', 'Menlo', 'Monaco', 'Comic Sans MS', 'Comic Sans',
  'Impact', 'Lucida Grande', 'Lucida Sans', 'Palatino', 'Book Antiqua', 'Optima', 'Neue Haas Grotesk', 'Neue Haas Unica',
  'Aktiv Grotesk', 'Apercu', 'Sailec', 'GT America', 'GT Walsheim', 'GT Sectra', 'Founders Grotesk', 'Canela', 'Tiempos',
  'Publico', 'Chivo', 'Sora', 'Outfit', 'Plus Jakarta Sans', 'Red Hat Display', 'Red Hat Text', 'Lexend', 'Figtree', 'Geist',
  'Geist Mono', 'Satoshi', 'General Sans', 'Clash Display', 'Cabinet Grotesk', 'Epilogue', 'Syne', 'Urbanist', 'Prompt', 'Kanit',
  'Oxygen', 'Asap', 'Dosis', 'Signika', 'Maven Pro', 'Questrial', 'Varela Round', 'Comfortaa', 'Pacifico', 'Lobster',
  'Dancing Script', 'Caveat', 'Permanent Marker', 'Courier Prime', 'Prime', 'Proxima Soft', 'Brown', 'Eina', 'Aeonik', 'Neue Montreal',
  'Suisse Int\'l', 'Suisse', 'Whitney', 'Sentinel', 'Mercury', 'Chronicle', 'Ideal Sans', 'Benton Sans', 'Freight Text', 'Freight Sans',
  'Trade Gothic', 'DIN', 'DIN Pro', 'DIN Next', 'FF DIN', 'Eurostile', 'Bahnschrift', 'Segoe', 'Tenor Sans', 'Albert Sans',
];

/** Words that name a font category or a service, not a family. */
export const GENERIC_NAMES = /^(sans[- ]?serif|serif|monospace|mono|cursive|fantasy|system[- ]?ui|system|ui[- ]?monospace|google fonts?|adobe fonts?|typekit|default|the|a|an|our|its|any|all|this|that|font|fonts|typeface)$/i;
