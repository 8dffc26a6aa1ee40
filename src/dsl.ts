/**
 * What case files import besides the kit (src/kit/index.ts): defineCase, the case context, the
 * verdicts, and the core OCPP-J vocabulary (frames, error codes, payload types).
 *
 * defineCase reads `ocpp` and `sut` from the metadata literal and hands the body a context whose
 * `given` accepts only the reusable states that exist for that version and role: a misspelt or
 * foreign state name fails to compile.
 */
import { defineCase as defineEngineCase, type CaseDefinition } from './engine/case.js';
import type { CaseContext } from './engine/context.js';
import type { CaseMetaInput, SutRole } from './core/meta.js';
import type { OcppVersion } from './core/versions.js';
import type { State16Cs } from './states/v16-cs.js';
import type { State16Csms } from './states/v16-csms.js';
import type { State201Cs } from './states/v201-cs.js';
import type { State201Csms } from './states/v201-csms.js';

export type { CaseContext } from './engine/context.js';
export { defineCaseFamily } from './engine/case.js';
export { check, present } from './engine/checks.js';
export type { CaseDefinition } from './engine/case.js';
export { CaseFailure, CaseInconclusive } from './core/verdict.js';
export type { SecurityProfile } from './core/meta.js';
export { subprotocolOf } from './core/versions.js';
export { errorCode, schemaViolationCodes } from './protocol/errors.js';
export { serializeCall, serializeResult, serializeError, parseFrame } from './protocol/framing.js';
export type { CallOutcome, ReceivedCall, Payload } from './roles/endpoint.js';
export type { OcppConnection } from './transport/connection.js';

/**
 * The names a case may use, per OCPP version and SUT role. One column per kind of name: `state`
 * (what ctx.given accepts); add a column (e.g. `fault`, from the peers' fault tables) here and a
 * lookup type like StateName below.
 */
export interface CaseVocabulary {
  '1.6': { cs: { state: State16Cs }; csms: { state: State16Csms } };
  '2.0.1': { cs: { state: State201Cs }; csms: { state: State201Csms } };
}

/** The vocabulary of one version and role (never for a version without tables). */
export type VocabularyOf<V extends OcppVersion, R extends SutRole> = V extends keyof CaseVocabulary ? CaseVocabulary[V][R] : never;

/** The reusable states of one version and role. */
export type StateName<V extends OcppVersion, R extends SutRole> = VocabularyOf<V, R> extends { state: infer S extends string } ? S : never;

/** The case context with `given` narrowed to the states of the case's version and role. */
export interface TypedCaseContext<S extends string> extends CaseContext {
  /** Brings the SUT into a named reusable state (Booted, Authorized, EnergyTransferStarted ...). */
  given(state: S, options?: Record<string, unknown>): Promise<void>;
}

/**
 * Declares one catalogue case: metadata readable without running anything, plus one linear async
 * body that reads like the scenario. `ocpp` and `sut` come from the metadata literal.
 */
export function defineCase<const V extends OcppVersion, const R extends SutRole>(
  meta: CaseMetaInput & { ocpp: V; sut: R },
  body: (ctx: TypedCaseContext<StateName<V, R>>) => Promise<void>,
): CaseDefinition {
  return defineEngineCase(meta, body);
}
