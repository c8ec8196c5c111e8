// Every Gemini operation, one module each. The client (../client.ts) binds each
// to its context, so adding an operation is a new module plus one line here.
export { extractGuidelines } from './extract';
export { generateImage } from './generate';
export { editImage } from './edit';
export { auditImage } from './audit';
export { countTokens } from './count-tokens';
export { checkModels } from './check-models';
