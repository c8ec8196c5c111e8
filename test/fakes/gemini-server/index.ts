export { startFakeGemini, FAKE_MODELS } from './server';
export type { FakeGemini, FakeGeminiOptions, FakeOperation, FakeReply, RecordedRequest } from './server';
export { renderPng, renderRaw, bandColumns, boxPixels, imageDimensions } from './render';
export type { Box, ColorShare, CompositionSpec } from './render';
export { normalizeRequest } from './protocol';
export type { WireContent, WirePart, WireRequest } from './protocol';
export { DEFAULT_AUDIT, DEFAULT_GUIDELINES } from './scenarios';
export { DEFAULT_FILE_LIFECYCLE } from './files';
export type { FakeFile, FakeFileState, FileLifecycle } from './files';
