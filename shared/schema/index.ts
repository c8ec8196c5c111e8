export * from './normalize';
export * from './brand';
export * from './compliance';
export * from './audit-evidence';
export * from './asset';
export * from './job';
export * from './settings';
export * from './json-schema';
