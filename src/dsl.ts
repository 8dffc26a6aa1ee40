/** What case files import: the case DSL and the vocabulary they need. */
export { defineCase, defineCaseFamily } from './engine/case.js';
export { check, present } from './engine/checks.js';
export type { CaseContext } from './engine/context.js';
export { CaseFailure } from './core/verdict.js';
export { errorCode, schemaViolationCodes } from './protocol/errors.js';
export type { ReceivedCall, Payload } from './roles/endpoint.js';
export { serializeCall, serializeResult, serializeError, parseFrame } from './protocol/framing.js';
export { rawUpgrade, encodeWsFrame, WS_OPCODE } from './transport/raw.js';
