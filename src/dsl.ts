/**
 * What case files import besides the kit (src/kit/index.ts): defineCase, the case context, the
 * verdicts, and the core OCPP-J vocabulary (frames, error codes, payload types).
 *
 * defineCase reads `ocpp` and `sut` from the metadata literal and types the case by them:
 * - `fault` accepts only the faults of the reference peer the case runs against (a station
 *   peer's when the SUT is a station, a CSMS peer's when it is a CSMS; 2.1 uses the 2.0.1 family's);
 * - `ctx.given` accepts only the reusable states of that version and role;
 * - `ctx.csms` / `ctx.station` type payloads by that version's OCA schemas: `expectCall('BootNotification')`
 *   yields the BootNotificationRequest, `reply` / `respondTo` take the response, `call` takes the
 *   request and returns the response. Unknown actions and deliberately invalid payloads go through
 *   `ctx.csms.untyped` / `ctx.station.untyped` (or `sendRaw` for text that is not even OCPP-J).
 * A misspelt state, fault, action or payload field fails to compile.
 */
import { defineCase as defineEngineCase, type CaseBody, type CaseDefinition } from './engine/case.js';
import type { CaseContextOf } from './engine/typed-context.js';
import type { CaseContext } from './engine/context.js';
import type { CaseMetaInput, SutRole } from './core/meta.js';
import type { OcppVersion } from './core/versions.js';
import type { State16Cs } from './states/v16-cs.js';
import type { State16Csms } from './states/v16-csms.js';
import type { State201Cs } from './states/v201-cs.js';
import type { State201Csms } from './states/v201-csms.js';
import type { Station16Fault } from './peers/station/v16/faults.js';
import type { Csms16Fault } from './peers/csms/v16/faults.js';
import type { Station201Fault } from './peers/station/v201/faults.js';
import type { Csms201Fault } from './peers/csms/v201/faults.js';

export type { CaseContext } from './engine/context.js';
export type { AnyCaseContext, CaseContextOf, CallOf, CsmsOf, StationOf } from './engine/typed-context.js';
export { contextOf } from './engine/typed-context.js';
export { defineCaseFamily } from './engine/case.js';
export { check, present } from './engine/checks.js';
export type { CaseDefinition } from './engine/case.js';
export { CaseFailure, CaseInconclusive } from './core/verdict.js';
export type { SecurityProfile } from './core/meta.js';
export { subprotocolOf } from './core/versions.js';
export { errorCode, schemaViolationCodes } from './protocol/errors.js';
export { serializeCall, serializeResult, serializeError, parseFrame } from './protocol/framing.js';
export type { ActionOf, RequestOf, ResponseOf } from './protocol/payloads/index.js';
export type { CallOutcome, ReceivedCall, Payload } from './roles/endpoint.js';
export type { OcppConnection } from './transport/connection.js';

/**
 * The names a case may use, per OCPP version and SUT role (the role is the SUT's: `cs` cases run
 * against a reference *station* and name its faults). One column per kind of name: `state` (what
 * ctx.given accepts) and `fault` (what the metadata's `fault` accepts).
 */
export interface CaseVocabulary {
  '1.6': { cs: { state: State16Cs; fault: Station16Fault }; csms: { state: State16Csms; fault: Csms16Fault } };
  '2.0.1': { cs: { state: State201Cs; fault: Station201Fault }; csms: { state: State201Csms; fault: Csms201Fault } };
  '2.1': { cs: { state: never; fault: Station201Fault }; csms: { state: never; fault: Csms201Fault } };
}

/** The vocabulary of one version and role. */
export type VocabularyOf<V extends OcppVersion, R extends SutRole> = CaseVocabulary[V][R];

/** The reusable states of one version and role. */
export type StateName<V extends OcppVersion, R extends SutRole> = VocabularyOf<V, R> extends { state: infer S extends string } ? S : never;

/** The reference-peer faults a case of one version and role may name. */
export type FaultOf<V extends OcppVersion, R extends SutRole> = VocabularyOf<V, R> extends { fault: infer F extends string } ? F : never;

/** The case context with payloads typed by version and `given` narrowed to the states of the version and role. */
export interface TypedCaseContext<V extends OcppVersion, R extends SutRole> extends Omit<CaseContextOf<V, R>, 'given'> {
  /** Brings the SUT into a named reusable state (Booted, Authorized, EnergyTransferStarted ...). */
  given(state: StateName<V, R>, options?: Record<string, unknown>): Promise<void>;
}

/**
 * The engine's context without payload types, for a family body shared across versions or roles
 * (one security rule for 1.6 and 2.0.1): its helpers take the untyped CaseContext. The body
 * converts once, at its top: `const c = untypedContext(ctx)`.
 */
export function untypedContext<V extends OcppVersion, R extends SutRole>(ctx: TypedCaseContext<V, R>): CaseContext {
  return ctx as unknown as CaseContext;
}

/**
 * Declares one catalogue case: metadata readable without running anything, plus one linear async
 * body that reads like the scenario. `ocpp` and `sut` come from the metadata literal.
 */
export function defineCase<const V extends OcppVersion, const R extends SutRole>(
  meta: CaseMetaInput & { ocpp: V; sut: R; fault: FaultOf<V, R> },
  body: (ctx: TypedCaseContext<V, R>) => Promise<void>,
): CaseDefinition {
  // The body gets the engine's CaseContext object; TypedCaseContext is a view of it that only narrows types.
  return defineEngineCase(meta, body as unknown as CaseBody);
}
