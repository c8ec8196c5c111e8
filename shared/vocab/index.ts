export * from './audit';
export * from './colors';
export * from './jobs';
export * from './library';
export * from './logos';
