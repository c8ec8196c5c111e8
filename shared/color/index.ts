export * from './srgb';
export * from './ciede2000';
export * from './wcag';
