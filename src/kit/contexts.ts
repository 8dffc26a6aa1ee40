import type {
  AnyCaseContext,
  CallOf,
  CaseContextOf,
  CsmsOf,
  EndpointBase,
  RequestIn,
  ResponseIn,
  StationOf,
} from '../engine/typed-context.js';
import type { OcppEndpoint } from '../roles/endpoint.js';
import type { ActionOf, PayloadsOf } from '../protocol/payloads/index.js';

/**
 * The typed case contexts and endpoints kit functions take, named by version and SUT role
 * (src/engine/typed-context.ts). A case's context is assignable to the one of its version and
 * role, and to AnyCaseContext.
 */
export type { AnyCaseContext } from '../engine/typed-context.js';

/** OCPP 1.6, SUT a charge point: the harness is the Central System (ctx.csms). */
export type Ctx16Cs = CaseContextOf<'1.6', 'cs'>;
/** OCPP 1.6, SUT a Central System: the harness is the charge point (ctx.station). */
export type Ctx16Csms = CaseContextOf<'1.6', 'csms'>;
/** OCPP 2.0.1, SUT a charging station: the harness is the CSMS (ctx.csms). */
export type Ctx201Cs = CaseContextOf<'2.0.1', 'cs'>;
/** OCPP 2.0.1, SUT a CSMS: the harness is the charging station (ctx.station). */
export type Ctx201Csms = CaseContextOf<'2.0.1', 'csms'>;

export type Csms16 = CsmsOf<'1.6'>;
export type Csms201 = CsmsOf<'2.0.1'>;
export type Station16 = StationOf<'1.6'>;
export type Station201 = StationOf<'2.0.1'>;

/** The harness endpoint of any case, whatever its version: payload-free methods plus `untyped`. */
export type AnyCsms = AnyCaseContext['csms'];
export type AnyStation = AnyCaseContext['station'];
/** Either harness endpoint, typed or not (frame-level kit code: probes, fences, raw sends). */
export type AnyEndpoint = EndpointBase<OcppEndpoint>;

/** A received 1.6 / 2.0.1 CALL of one action, its payload typed. */
export type Call16<A extends ActionOf<'1.6'>> = CallOf<PayloadsOf<'1.6'>, A>;
export type Call201<A extends ActionOf<'2.0.1'>> = CallOf<PayloadsOf<'2.0.1'>, A>;

/** Request and response payloads of one 1.6 / 2.0.1 action. */
export type Request16<A extends ActionOf<'1.6'>> = RequestIn<PayloadsOf<'1.6'>, A>;
export type Response16<A extends ActionOf<'1.6'>> = ResponseIn<PayloadsOf<'1.6'>, A>;
export type Request201<A extends ActionOf<'2.0.1'>> = RequestIn<PayloadsOf<'2.0.1'>, A>;
export type Response201<A extends ActionOf<'2.0.1'>> = ResponseIn<PayloadsOf<'2.0.1'>, A>;
