import type { OcppVersion } from '../../../core/versions.js';
import { subprotocolOf } from '../../../core/versions.js';
import type { CsmsPeerModule } from '../../../engine/peer-contract.js';
import { faultList, type FaultTable } from '../../faults.js';
import { csmsVariants } from '../policy.js';
import { NO_REPLY, type Payload } from '../../rpc.js';
import { authorization } from './blocks/authorization.js';
import { availability } from './blocks/availability.js';
import { certificates } from './blocks/certificates.js';
import { dataTransfer } from './blocks/data-transfer.js';
import { localList } from './blocks/local-list.js';
import { tariffCost } from './blocks/tariff-cost.js';
import { evCertificates } from './blocks/ev-certificates.js';
import { diagnostics } from './blocks/diagnostics.js';
import { displayMessages } from './blocks/display-messages.js';
import { firmware } from './blocks/firmware.js';
import { meterValues } from './blocks/meter-values.js';
import { monitoring } from './blocks/monitoring.js';
import { provisioning } from './blocks/provisioning.js';
import { remoteControl } from './blocks/remote-control.js';
import { reservation } from './blocks/reservation.js';
import { security } from './blocks/security.js';
import { smartCharging } from './blocks/smart-charging.js';
import { transactions } from './blocks/transactions.js';
import { CSMS_201_FAULTS } from './faults.js';
import { ReferenceCsms2 } from './peer.js';
import type { Csms2Tables, CsmsBlock, CsmsContext, InboundCall, InboundHandler, RequestBuilder, ResponseHandler } from './state.js';

/**
 * The 2.0.1/2.1 family of reference CSMSs. 2.0.1 is the base; a later version is written as
 * its delta: only what it adds or answers differently, never a copy of the base.
 */

export type Csms2Version = Extract<OcppVersion, '2.0.1' | '2.1'>;

/** An inbound handler of a delta; `base` is the family's handler for the action, if it has one. */
export type DeltaInboundHandler = (
  ctx: CsmsContext,
  p: Payload,
  call: InboundCall,
  base: InboundHandler | undefined,
) => ReturnType<InboundHandler>;

/** What a version changes in the family's base. */
export interface Csms2Delta {
  /** The subprotocol the CSMS selects (default: the version's own, subprotocolOf). */
  subprotocol?: string;
  /** Faults only this version has; its handlers check them through `new ActiveFaults<...>(ctx.o.faults)`. */
  faults?: FaultTable;
  /** Calls from stations added or replaced, per action. */
  inbound?: Record<string, DeltaInboundHandler>;
  /** Answers that differ: applied to what the (base or delta) handler answered, per action. */
  answers?: Record<string, (answer: Payload, ctx: CsmsContext, p: Payload, call: InboundCall) => Payload>;
  /** Operator messages (csmsSend) added or built differently, per message. */
  requests?: Record<string, RequestBuilder>;
  /** Station responses handled in addition to the base's, per action. */
  responses?: Record<string, ResponseHandler>;
}

/** The functional blocks of the base (2.0.1), in the order their handlers are merged. */
const CSMS_2_BLOCKS: readonly CsmsBlock[] = [
  security,
  provisioning,
  authorization,
  transactions,
  remoteControl,
  availability,
  reservation,
  smartCharging,
  meterValues,
  firmware,
  diagnostics,
  monitoring,
  displayMessages,
  certificates,
  dataTransfer,
  localList,
  tariffCost,
  evCertificates,
];

/** Merges the blocks (each action belongs to one block) and applies a delta. */
function composeCsms2(version: Csms2Version, delta: Csms2Delta): Csms2Tables {
  const inbound = new Map<string, InboundHandler>();
  const requests = new Map<string, RequestBuilder>();
  const responses = new Map<string, ResponseHandler[]>();
  const once = <T>(map: Map<string, T>, action: string, value: T) => {
    if (map.has(action)) throw new Error(`reference CSMS: two blocks handle ${action}`);
    map.set(action, value);
  };
  for (const b of CSMS_2_BLOCKS) {
    for (const [action, h] of Object.entries(b.inbound ?? {})) once(inbound, action, h);
    for (const [action, h] of Object.entries(b.requests ?? {})) once(requests, action, h);
    for (const [action, h] of Object.entries(b.responses ?? {})) responses.set(action, [...(responses.get(action) ?? []), h]);
  }
  amendBaseAnswers(inbound);
  for (const [action, h] of Object.entries(delta.inbound ?? {})) {
    const base = inbound.get(action);
    inbound.set(action, (ctx, p, call) => h(ctx, p, call, base));
  }
  for (const [action, change] of Object.entries(delta.answers ?? {})) {
    const handler = inbound.get(action);
    if (!handler) throw new Error(`reference CSMS ${version}: an answer changed for ${action}, which has no handler`);
    inbound.set(action, (ctx, p, call) => {
      const answer = handler(ctx, p, call);
      return answer === NO_REPLY ? answer : change(answer, ctx, p, call);
    });
  }
  for (const [message, build] of Object.entries(delta.requests ?? {})) requests.set(message, build);
  for (const [action, h] of Object.entries(delta.responses ?? {})) responses.set(action, [...(responses.get(action) ?? []), h]);
  return { subprotocol: delta.subprotocol ?? subprotocolOf(version), inbound, requests, responses };
}

/** Applies the blocks' answer amendments and guards to the merged inbound handlers. */
function amendBaseAnswers(inbound: Map<string, InboundHandler>): void {
  const guards = CSMS_2_BLOCKS.flatMap((b) => (b.guard ? [b.guard] : []));
  for (const [action, handler] of inbound) {
    const amendments = CSMS_2_BLOCKS.flatMap((b) => (b.answers?.[action] ? [b.answers[action]] : []));
    if (!amendments.length && !guards.length) continue;
    inbound.set(action, (ctx, p, call) => {
      for (const guard of guards) guard(ctx, p, call);
      const answer = handler(ctx, p, call);
      return answer === NO_REPLY ? answer : amendments.reduce((a, amend) => amend(a, ctx, p, call), answer);
    });
  }
}

/** A reference CSMS of the family: the base with the version's delta applied. */
export function createCsms2(version: Csms2Version, delta: Csms2Delta = {}): CsmsPeerModule {
  const tables = composeCsms2(version, delta);
  return {
    version,
    faults: faultList(CSMS_201_FAULTS, ...(delta.faults ? [delta.faults] : [])),
    variants: csmsVariants({
      boot: ['TC_*_CSMS'],
      unknown: ['SEC_ID_*', 'SEC_DOS_*', 'SEC_RPC_1*'],
      heartbeat: ['TC_B_0*_CSMS', 'TC_F_20_CSMS'],
    }),
    async start(opts) {
      const csms = new ReferenceCsms2({ ...opts, version }, tables);
      await csms.start();
      return csms;
    },
  };
}
