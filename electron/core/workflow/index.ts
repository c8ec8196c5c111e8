export { JobRunner, type JobRunnerOptions, type JobUpdatedEvent, type NetworkStatusEvent, type SubmitInput, type WorkflowEvent, type WorkflowListener } from './runner';
export { applyReview, type ReviewAction } from './review';
export { createWorkflowClient, deferredImageSink, type WorkflowClient } from './client';
export { ModelGate, Semaphore, type GateStats, type ModelGateOptions } from './gate';
export { runStep, generateStep, auditStep, saveJob, type StepDeps, type WorkflowGemini } from './steps';
export { decideAfterAudit, selectBest, policyFromSettings, modelAuditMissing, UNRECOVERABLE, type AuditDecision, type WorkflowPolicy } from './policy';
export { buildCorrectionInstruction, describeRegion, openFindings, MAX_CORRECTION_FINDINGS } from './correction';
export { TRANSITIONS, canTransition, isTerminal, progressOf, WORKING_STATUSES } from './machine';
export { GenerationState, GenerationParams, AttemptRecord, ReviewRecord, NextImage, readState, jobView, type GenerationStateInput } from './state';
