export { ingestPdf, MAX_PDF_BYTES } from './ingest-pdf';
export type { GuidelineModel, IngestOptions, IngestProgress, IngestResult, IngestStage, LocalEvidenceSummary } from './ingest-pdf';
export { extractLocal, OUTLINED_TEXT_WARNING, type LocalExtraction } from './extract';
export { refineWithModel, evidenceHexes, evidenceAnchors, LOW_CONFIDENCE, type EvidenceAnchors } from './refine';
export { runLocalExtraction, stopEvidenceWorker, ENCRYPTED_MESSAGE, type RunOptions, type LocalRun } from './collect-evidence';
export { parseColorTokens, type ColorToken } from './color-notation';
export type { DocumentEvidence, PageEvidence } from './evidence-types';
