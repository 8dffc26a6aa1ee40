import type { OcppVersion } from '../core/versions.js';
import type { SutRole } from '../core/meta.js';
import type { PayloadsOf } from '../protocol/payloads/index.js';
import type { CallOptions, CallOutcome, ExpectCallOptions, NoCallWindow, Payload, ReceivedCall, Responder } from '../roles/endpoint.js';
import type { MockCsms, MockStation } from '../roles/roles.js';
import type { CaseContext } from './context.js';

/**
 * Typed views of the case context and its endpoints. At run time a case body gets the one
 * CaseContext object with its MockCsms / MockStation; these types only say, per OCPP version
 * and SUT role, which actions exist and what their payloads look like (from the types generated
 * off the OCA schemas, src/protocol/payloads). So `ctx.csms.expectCall('BootNotification')`
 * yields a call whose payload is that version's BootNotificationRequest, and `reply` takes the
 * BootNotificationResponse.
 *
 * The escapes for unknown actions and deliberately invalid payloads (negative and security tests):
 * - `call` / `callMayError` with `{ schema: false }` (OutsideSchema): any action and payload, the
 *   response neither validated nor typed;
 * - `endpoint.untyped`: the same endpoint with untyped payloads, for everything else (expecting or
 *   answering an unknown action, an invalid answer);
 * - `sendRaw`: any text, valid OCPP-J or not.
 * An action name held in a `string` (computed, e.g. a loop over probe actions) cannot be checked
 * and gets untyped payloads too; a literal action name always is checked.
 */

/** A payload map that admits any action and any payload: what `untyped` and multi-version families use. */
export interface UntypedPayloads {
  [action: string]: { request: Payload; response: Payload };
}

/** The actions of a payload map. */
export type ActionIn<M> = keyof M & string;
/** The request payload of an action in a payload map. */
export type RequestIn<M, A extends keyof M> = M[A] extends { request: unknown } ? M[A]['request'] : never;
/** The response payload of an action in a payload map. */
// (Indexed access, not `infer`: an `infer` result hides the literal types object literals need from context.)
export type ResponseIn<M, A extends keyof M> = M[A] extends { response: unknown } ? M[A]['response'] : never;

/**
 * A received CALL of action A with its payload typed. `action` is the literal, so `reply(call, ...)`
 * knows the response type; for a union of actions (expectOneOf) testing `call.action` narrows the payload.
 */
export type CallOf<M, A extends ActionIn<M>> = A extends unknown ? ReceivedCall<RequestIn<M, A>> & { action: A } : never;

/** What answers every CALL of action A: a fixed response, or one computed per call (undefined: no answer). */
export type ResponderOf<M, A extends ActionIn<M>> = ResponseIn<M, A> | ((call: CallOf<M, A>) => ResponseIn<M, A> | undefined);

/**
 * An action name computed at run time (a `string`, not a literal): probe loops over actions. The
 * compiler cannot check it, so such calls have untyped payloads; a literal is always checked.
 */
export type ComputedAction<S extends string> = string extends S ? S : never;

/**
 * Call options that take the exchange outside the schema: the request is not type-checked (an
 * unknown action, a deliberately invalid payload) and the response is neither validated nor typed.
 */
export type OutsideSchema = CallOptions & { schema: false };

/** The payload-typed methods of an endpoint over a payload map M. */
export interface TypedEndpointMethods<M> {
  /** Waits for a CALL of this action from the SUT (one not yet taken by an earlier expectation). */
  expectCall<A extends ActionIn<M>>(action: A, opts?: NoInfer<ExpectCallOptions<RequestIn<M, A>>>): Promise<CallOf<M, A>>;
  expectCall<S extends string>(action: ComputedAction<S>, opts?: ExpectCallOptions<Payload>): Promise<ReceivedCall>;
  /** Waits for the first of several actions. */
  expectOneOf<A extends ActionIn<M>>(actions: A[], opts?: NoInfer<ExpectCallOptions<RequestIn<M, A>>>): Promise<CallOf<M, A>>;
  expectOneOf<S extends string>(actions: ComputedAction<S>[], opts?: ExpectCallOptions<Payload>): Promise<ReceivedCall>;
  /** Fails if a CALL of this action (matching `where`) arrives within the period. */
  expectNoCall<A extends ActionIn<M>>(action: A, opts: NoInfer<ExpectCallOptions<RequestIn<M, A>>> & NoCallWindow): Promise<void>;
  expectNoCall<S extends string>(action: ComputedAction<S>, opts: ExpectCallOptions<Payload> & NoCallWindow): Promise<void>;
  /** Sends a CALL and returns its CALLRESULT payload; a CALLERROR, no answer or a schema violation fails. */
  call(action: string, payload: Payload, opts: OutsideSchema): Promise<Payload>;
  call<A extends ActionIn<M>>(action: A, payload: NoInfer<RequestIn<M, A>>, opts?: CallOptions): Promise<ResponseIn<M, A>>;
  call<S extends string>(action: ComputedAction<S>, payload: Payload, opts?: CallOptions): Promise<Payload>;
  /** Sends a CALL and returns its CALLRESULT or CALLERROR; no answer within the timeout fails. */
  callMayError(action: string, payload: Payload, opts: OutsideSchema): Promise<CallOutcome>;
  callMayError<A extends ActionIn<M>>(
    action: A,
    payload: NoInfer<RequestIn<M, A>>,
    opts?: CallOptions,
  ): Promise<CallOutcome<ResponseIn<M, A>>>;
  callMayError<S extends string>(action: ComputedAction<S>, payload: Payload, opts?: CallOptions): Promise<CallOutcome>;
  /** Sends a CALLRESULT for a received call (untyped for a call of a computed action). */
  reply<A extends ActionIn<M>>(call: ReceivedCall<unknown> & { action: A }, payload: NoInfer<ResponseIn<M, A>>): Promise<void>;
  reply<S extends string>(call: ReceivedCall<unknown> & { action: ComputedAction<S> }, payload: Payload): Promise<void>;
  /** Answers every CALL of this action (now and later), until stopped. */
  respondTo<A extends ActionIn<M>>(action: A, responder: NoInfer<ResponderOf<M, A>>): void;
  respondTo<S extends string>(action: ComputedAction<S>, responder: Responder): void;
  stopResponding<S extends string>(action: ActionIn<M> | ComputedAction<S>): void;
  /** Calls received so far (taken or not), for checks across a whole scenario. */
  receivedCalls<A extends ActionIn<M>>(action: A): CallOf<M, A>[];
  receivedCalls<S extends string>(action?: ComputedAction<S>): ReceivedCall[];
}

type TypedNames = keyof TypedEndpointMethods<unknown> | 'untyped';

/** An endpoint whatever its version: the payload-free methods, and `untyped` for the rest. */
export type EndpointBase<E> = Omit<E, TypedNames> & {
  /** This endpoint without payload types: for unknown actions and deliberately invalid payloads. */
  readonly untyped: E;
};

/** An endpoint with payloads typed by the map M. */
export type TypedEndpoint<E, M> = EndpointBase<E> & TypedEndpointMethods<M>;

/** True for a union type (a family whose rows span versions). */
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** The payload map of a version; a union of versions (a family over versions) gets untyped payloads. */
export type PayloadsFor<V extends OcppVersion> = true extends IsUnion<V> ? UntypedPayloads : PayloadsOf<V>;

/** The harness as CSMS of one version (the SUT is a station). */
export type CsmsOf<V extends OcppVersion> = TypedEndpoint<MockCsms, PayloadsFor<V>>;
/** The harness as station of one version (the SUT is a CSMS). */
export type StationOf<V extends OcppVersion> = TypedEndpoint<MockStation, PayloadsFor<V>>;

/** The context members that do not depend on version or role. */
export type ContextBase = Omit<CaseContext, 'csms' | 'station' | 'given'>;

/**
 * Any case context, for kit code that serves every version and role: its endpoints offer the
 * payload-free methods, and `untyped` for calls.
 */
export interface AnyCaseContext extends ContextBase {
  readonly csms: EndpointBase<MockCsms>;
  readonly station: EndpointBase<MockStation>;
  /** Brings the SUT into a named reusable state. */
  given(state: string, options?: Record<string, unknown>): Promise<void>;
}

/**
 * The context of a case of one version and role: `csms` (the SUT is a station) or `station` (the
 * SUT is a CSMS) with typed payloads; the other one is `never`, so using it fails to compile.
 */
export interface CaseContextOf<V extends OcppVersion, R extends SutRole> extends ContextBase {
  readonly csms: R extends 'cs' ? CsmsOf<V> : never;
  readonly station: R extends 'csms' ? StationOf<V> : never;
  /** Brings the SUT into a named reusable state (Booted, Authorized, EnergyTransferStarted ...). */
  given(state: string, options?: Record<string, unknown>): Promise<void>;
}

/**
 * The typed view of the runtime context. The one place the engine's CaseContext object is handed
 * to code typed with CaseContextOf: it is the same object, the view only narrows payload types.
 */
export function typedView<V extends OcppVersion, R extends SutRole>(ctx: CaseContext): CaseContextOf<V, R> {
  return ctx as unknown as CaseContextOf<V, R>;
}

/**
 * The typed view of an untyped context, for a family body's branch that knows its version and
 * role (a kit helper of that version needs it). Checked at run time: a wrong version or role is a
 * harness error, never a verdict.
 */
export function contextOf<const V extends OcppVersion, const R extends SutRole>(
  ctx: CaseContext | AnyCaseContext,
  ocpp: V,
  sut: R,
): CaseContextOf<V, R> {
  if (ctx.meta.ocpp !== ocpp || ctx.meta.sut !== sut)
    throw new Error(`harness: case ${ctx.meta.id} is OCPP ${ctx.meta.ocpp} ${ctx.meta.sut}, not ${ocpp} ${sut}`);
  return ctx as unknown as CaseContextOf<V, R>;
}
