import type { ActionOutcome, ManualAction } from '../../engine/adapter.js';
import type { IdTokenConfig } from '../../engine/config.js';
import { NO_REPLY, ReferenceListener, RpcError, RpcPeer, type Payload } from '../rpc.js';
import type { CsmsPeerModule, CsmsPeerOptions, FaultInfo, ReferenceCsms } from '../types.js';

/** Faults of the 2.0.1 reference CSMS: each breaks exactly one behaviour. */
export const CSMS_201_FAULTS: FaultInfo[] = [
  // Provisioning (B)
  { name: 'boot-no-interval', description: 'BootNotificationResponse omits the required interval field' },
  { name: 'getvariables-attribute-target', description: 'GetVariablesRequest asks for the Target attribute instead of the Actual value the operator wanted' },
  { name: 'getvariables-first-only', description: 'GetVariablesRequest carries only the first of several requested variables' },
  { name: 'setvariables-value-number', description: 'SetVariablesRequest sends a numeric-looking attributeValue as a JSON number instead of a string' },
  { name: 'setvariables-first-only', description: 'SetVariablesRequest carries only the first of several variables to set' },
  { name: 'basereport-wrong-base', description: 'GetBaseReportRequest always asks for FullInventory, whatever report the operator chose' },
  { name: 'notifyreport-tbc-error', description: 'a NotifyReportRequest with tbc=true is answered with a CALLERROR' },
  { name: 'reset-onidle-as-immediate', description: 'an OnIdle reset is sent as ResetRequest type Immediate' },
  { name: 'reset-scheduled-escalates', description: 'when a station answers a reset Scheduled, the CSMS at once sends a second, Immediate ResetRequest' },
  { name: 'reset-immediate-as-onidle', description: 'an Immediate reset is sent as ResetRequest type OnIdle' },
  { name: 'reset-evse-dropped', description: 'an EVSE reset is sent without evseId, resetting the whole station' },
  // Transactions (E)
  { name: 'txevent-updated-no-idtokeninfo', description: 'TransactionEventResponse to an Updated event carrying an idToken omits idTokenInfo' },
  { name: 'authorize-valid-unknown', description: 'AuthorizeRequest for the configured valid idToken is answered Unknown' },
  { name: 'txevent-started-requires-idtoken', description: 'a Started TransactionEventRequest without idToken is answered with a CALLERROR' },
  { name: 'txevent-started-no-idtokeninfo', description: 'TransactionEventResponse to a Started event carrying an idToken omits idTokenInfo' },
  { name: 'txevent-ended-no-idtokeninfo', description: 'TransactionEventResponse to an Ended event carrying an idToken omits idTokenInfo' },
  { name: 'txevent-accepts-any-token', description: 'idTokens in TransactionEventRequests are not checked: every token is answered Accepted' },
  { name: 'remotestop-wrong-txid', description: 'RequestStopTransactionRequest carries the CSMS internal record number instead of the station transactionId' },
  { name: 'txstatus-missing-txid', description: 'GetTransactionStatusRequest omits the transactionId the operator asked about' },
  { name: 'txevent-seqno-per-station', description: 'seqNo is tracked per station, so a new transaction restarting at seqNo 0 is dropped unanswered as a duplicate' },
  // Remote control (F)
  { name: 'remotestart-evse-dropped', description: 'RequestStartTransactionRequest omits the evseId the operator chose' },
  { name: 'remotestart-token-type-central', description: 'RequestStartTransactionRequest sends the idToken with type Central instead of its configured type' },
  { name: 'unlock-evse-zero', description: 'UnlockConnectorRequest is sent with evseId 0 instead of the chosen EVSE' },
  { name: 'trigger-evse-dropped', description: 'TriggerMessageRequest omits the EVSE the operator chose' },
  { name: 'heartbeat-time-no-zone', description: 'HeartbeatResponse.currentTime has no time zone designator (not an RFC 3339 date-time)' },
  // Availability (G)
  { name: 'availability-evse-omitted', description: 'an EVSE-level ChangeAvailabilityRequest is sent without evse (station-wide)' },
  { name: 'availability-operative-inverted', description: 'ChangeAvailabilityRequest for Operative is sent as Inoperative' },
  { name: 'availability-station-evse-zero', description: 'a station-wide ChangeAvailabilityRequest carries evse.id 0 instead of omitting evse' },
  { name: 'availability-connector-omitted', description: 'a connector-level ChangeAvailabilityRequest omits evse.connectorId' },
  { name: 'availability-scheduled-retry', description: 'when a station answers ChangeAvailability Scheduled, the CSMS re-sends the request at once' },
  // Meter values (J)
  { name: 'metervalues-evse0-rejected', description: 'MeterValuesRequest for evseId 0 (the main meter) is answered with a CALLERROR' },
  { name: 'meter-requires-measurand', description: 'a TransactionEventRequest whose sampledValue omits measurand (default Energy.Active.Import.Register) gets a CALLERROR' },
  { name: 'meter-decimal-rejected', description: 'a TransactionEventRequest with a non-integer sampledValue value gets a CALLERROR' },
  { name: 'txevent-ended-multi-meter-error', description: 'an Ended TransactionEventRequest with more than one meterValue gets a CALLERROR' },
];

type BootPolicy = 'Accepted' | 'Pending' | 'Rejected';

interface TxRecord {
  /** The CSMS's own record number (what a database would assign). */
  record: number;
  transactionId: string;
  evseId?: number;
  lastSeqNo: number;
  chargingState?: string;
  ended: boolean;
  remoteStartId?: number;
}

interface StationSession {
  identity: string;
  rpc: RpcPeer;
}

interface StationState {
  policy: BootPolicy;
  accepted: boolean;
  transactions: Map<string, TxRecord>;
  /** Highest seqNo seen on the station, used only by the per-station seqNo fault. */
  stationSeqNo: number;
  connectors: Map<string, string>;
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The 2.0.1 reference CSMS: accepts the configured station (unknown identities are rejected),
 * authorizes the configured tokens, tracks transactions, and sends operator-initiated messages
 * when asked through perform(). It acts from its config and its own state only.
 */
export class ReferenceCsms201 implements ReferenceCsms {
  private listener: ReferenceListener;
  private readonly sessions = new Map<string, StationSession>();
  private readonly stations = new Map<string, StationState>();
  private records = 0;
  private remoteStartIds = 0;
  private reportRequestIds = 0;
  private stopped = false;
  url = '';

  constructor(private readonly o: CsmsPeerOptions) {
    this.listener = new ReferenceListener(
      { host: o.host, port: o.port, version: o.version, passwords: () => o.basicAuthPassword },
      ({ ws, identity }) => {
        const rpc = new RpcPeer(ws, { version: o.version, validator: o.validator, ids: o.ids, callTimeoutMs: o.config.timeouts.messageMs * 5 });
        const session = { identity, rpc };
        const previous = this.sessions.get(identity);
        this.sessions.set(identity, session);
        previous?.rpc.close();
        rpc.onClose(() => {
          if (this.sessions.get(identity) === session) this.sessions.delete(identity);
        });
        this.installHandlers(session);
      },
    );
    // The stations this CSMS knows, with their boot policy (its own provisioning data).
    this.stations.set(o.config.stationId, this.newStation('Accepted'));
  }

  private newStation(policy: BootPolicy): StationState {
    return { policy, accepted: false, transactions: new Map(), stationSeqNo: -1, connectors: new Map() };
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
  }

  private now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  private station(identity: string): StationState {
    let st = this.stations.get(identity);
    if (!st) {
      // Unknown identities are not provisioned: their boots are rejected.
      st = this.newStation('Rejected');
      this.stations.set(identity, st);
    }
    return st;
  }

  // ---- authorization ----------------------------------------------------------------------

  private tokenStatus(token: { idToken: string; type: string } | undefined): string {
    if (!token) return 'Unknown';
    const ids = this.o.config.ids;
    const same = (t: IdTokenConfig) => t.idToken === token.idToken && t.type === token.type;
    if (same(ids.validIdToken)) return 'Accepted';
    if (same(ids.invalidIdToken)) return 'Invalid';
    if (same(ids.blockedIdToken)) return 'Blocked';
    if (same(ids.expiredIdToken)) return 'Expired';
    return 'Unknown';
  }

  private idTokenInfo(token: { idToken: string; type: string }): Payload {
    const status = this.tokenStatus(token);
    return { status };
  }

  // ---- inbound calls ----------------------------------------------------------------------

  private installHandlers(s: StationSession): void {
    const st = this.station(s.identity);
    const guard = (action: string, fn: (p: Payload) => Payload | typeof NO_REPLY) => {
      s.rpc.handle(action, (p) => {
        if (!st.accepted) throw new RpcError('SecurityError', `${action} before the BootNotification was accepted`);
        return fn(p);
      });
    };

    s.rpc.handle('BootNotification', (): Payload => {
      const status = st.policy;
      st.accepted = status === 'Accepted';
      const interval = status === 'Accepted' ? this.o.config.timeouts.heartbeatIntervalS : this.o.config.timeouts.bootRetryIntervalS;
      const res: Payload = { status, currentTime: this.now(), interval };
      if (this.fault('boot-no-interval')) delete res.interval;
      return res;
    });

    guard('Heartbeat', () => {
      if (this.fault('heartbeat-time-no-zone')) return { currentTime: this.now().replace(/\.\d+Z$/, '').replace(/Z$/, '') };
      return { currentTime: this.now() };
    });

    guard('StatusNotification', (p) => {
      st.connectors.set(`${p.evseId}/${p.connectorId}`, p.connectorStatus);
      return {};
    });

    guard('Authorize', (p) => {
      const info = this.idTokenInfo(p.idToken);
      const v = this.o.config.ids.validIdToken;
      if (this.fault('authorize-valid-unknown') && p.idToken.idToken === v.idToken && p.idToken.type === v.type) info.status = 'Unknown';
      return { idTokenInfo: info };
    });

    guard('TransactionEvent', (p) => this.onTransactionEvent(st, p));

    guard('MeterValues', (p) => {
      if (this.fault('metervalues-evse0-rejected') && p.evseId === 0) throw new RpcError('PropertyConstraintViolation', 'unknown EVSE 0');
      return {};
    });

    guard('NotifyEvent', () => ({}));
    guard('NotifyReport', (p) => {
      if (this.fault('notifyreport-tbc-error') && p.tbc === true) throw new RpcError('InternalError', 'report part could not be stored');
      return {};
    });
    guard('SecurityEventNotification', () => ({}));
    guard('FirmwareStatusNotification', () => ({}));
    guard('LogStatusNotification', () => ({}));
    guard('NotifyMonitoringReport', () => ({}));
    guard('NotifyCustomerInformation', () => ({}));
    guard('NotifyChargingLimit', () => ({}));
    guard('ClearedChargingLimit', () => ({}));
    guard('ReportChargingProfiles', () => ({}));
    guard('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  }

  private onTransactionEvent(st: StationState, p: Payload): Payload | typeof NO_REPLY {
    const info = p.transactionInfo as Payload;
    const id = info.transactionId as string;
    const seqNo = p.seqNo as number;

    if (this.fault('txevent-seqno-per-station')) {
      if (seqNo <= st.stationSeqNo) {
        this.log(`TransactionEvent seqNo ${seqNo} <= ${st.stationSeqNo}: dropped as a duplicate`);
        return NO_REPLY;
      }
      st.stationSeqNo = seqNo;
    }
    if (this.fault('txevent-started-requires-idtoken') && p.eventType === 'Started' && !p.idToken) {
      throw new RpcError('OccurrenceConstraintViolation', 'idToken is required to start a transaction');
    }
    const samples: Payload[] = ((p.meterValue ?? []) as Payload[]).flatMap((m) => m.sampledValue as Payload[]);
    if (this.fault('meter-requires-measurand') && samples.some((v) => v.measurand === undefined)) {
      throw new RpcError('OccurrenceConstraintViolation', 'sampledValue.measurand missing');
    }
    if (this.fault('meter-decimal-rejected') && samples.some((v) => !Number.isInteger(v.value))) {
      throw new RpcError('TypeConstraintViolation', 'sampledValue.value must be an integer');
    }
    if (this.fault('txevent-ended-multi-meter-error') && p.eventType === 'Ended' && (p.meterValue?.length ?? 0) > 1) {
      throw new RpcError('InternalError', 'cannot store more than one meter value');
    }

    let tx = st.transactions.get(id);
    if (!tx) {
      tx = { record: ++this.records, transactionId: id, lastSeqNo: seqNo - 1, ended: false };
      st.transactions.set(id, tx);
      if (p.eventType !== 'Started') this.log(`TransactionEvent ${p.eventType} for a transaction not seen before: ${id}`);
    }
    if (seqNo !== tx.lastSeqNo + 1) this.log(`TransactionEvent ${id}: seqNo ${seqNo} after ${tx.lastSeqNo} (gap or retransmission)`);
    tx.lastSeqNo = Math.max(tx.lastSeqNo, seqNo);
    if (p.evse?.id !== undefined) tx.evseId = p.evse.id;
    if (info.chargingState) tx.chargingState = info.chargingState;
    if (info.remoteStartId !== undefined) tx.remoteStartId = info.remoteStartId;
    if (p.eventType === 'Ended') tx.ended = true;

    const res: Payload = {};
    if (p.idToken) {
      const idTokenInfo = this.idTokenInfo(p.idToken);
      if (this.fault('txevent-accepts-any-token')) idTokenInfo.status = 'Accepted';
      const omit =
        (p.eventType === 'Started' && this.fault('txevent-started-no-idtokeninfo')) ||
        (p.eventType === 'Updated' && this.fault('txevent-updated-no-idtokeninfo')) ||
        (p.eventType === 'Ended' && this.fault('txevent-ended-no-idtokeninfo'));
      if (!omit) res.idTokenInfo = idTokenInfo;
    }
    return res;
  }

  // ---- operator actions -------------------------------------------------------------------

  async perform(action: ManualAction): Promise<ActionOutcome> {
    if (action.action !== 'csmsSend') return { done: false, reason: `the reference CSMS cannot perform "${action.action}"` };
    const params = action.params as Payload;
    const stationId = (params.stationId as string | undefined) ?? this.o.config.stationId;
    const session = this.sessions.get(stationId);
    if (!session || session.rpc.closed) return { done: false, reason: `station "${stationId}" is not connected to the reference CSMS` };
    const st = this.station(stationId);
    if (!st.accepted) return { done: false, reason: `station "${stationId}" has not been accepted by the reference CSMS` };
    const message = params.message as string;
    let payload: Payload;
    try {
      const built = this.build(message, params, st);
      if (typeof built === 'string') return { done: false, reason: built };
      payload = built;
    } catch (err) {
      return { done: false, reason: `cannot build ${message}: ${(err as Error).message}` };
    }
    this.send(session, message, payload);
    return { done: true };
  }

  /** Sends without waiting (the case answers after perform returns); handles the response later. */
  private send(s: StationSession, action: string, payload: Payload): void {
    s.rpc
      .call(action, payload)
      .then((res) => this.afterResponse(s, action, payload, res))
      .catch((err: Error) => this.log(`${action} to ${s.identity}: ${err.message}`));
  }

  private afterResponse(s: StationSession, action: string, request: Payload, res: Payload): void {
    if (this.stopped) return;
    const st = this.station(s.identity);
    if (action === 'Reset' && res.status === 'Scheduled' && this.fault('reset-scheduled-escalates')) {
      this.send(s, 'Reset', { ...request, type: 'Immediate' });
    }
    if (action === 'ChangeAvailability' && res.status === 'Scheduled' && this.fault('availability-scheduled-retry')) {
      this.send(s, 'ChangeAvailability', request);
    }
    if (action === 'RequestStartTransaction' && res.status === 'Accepted' && typeof res.transactionId === 'string') {
      const tx = st.transactions.get(res.transactionId);
      if (tx) tx.remoteStartId = request.remoteStartId;
    }
  }

  private runningTx(st: StationState, evseId?: number): TxRecord | undefined {
    const open = [...st.transactions.values()].filter((t) => !t.ended && (evseId === undefined || t.evseId === evseId));
    return open[open.length - 1];
  }

  /** Builds a schema-valid request from the operator's choices; a string explains a refusal. */
  private build(message: string, p: Payload, st: StationState): Payload | string {
    const evse = (evseId: unknown, connectorId?: unknown): Payload | undefined =>
      typeof evseId === 'number' ? { id: evseId, ...(typeof connectorId === 'number' ? { connectorId } : {}) } : undefined;
    const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

    switch (message) {
      case 'GetVariables': {
        const list: Payload[] = p.variables ?? [{ component: p.component, variable: p.variable, attributeType: p.attributeType, evseId: p.evseId }];
        let data = list.map((v) =>
          defined({
            component: defined({ name: v.component, instance: v.componentInstance, evse: evse(v.evseId) }),
            variable: defined({ name: v.variable, instance: v.variableInstance }),
            attributeType: v.attributeType,
          }),
        );
        if (this.fault('getvariables-attribute-target')) data = data.map((d) => ({ ...d, attributeType: 'Target' }));
        if (this.fault('getvariables-first-only')) data = data.slice(0, 1);
        return { getVariableData: data };
      }
      case 'SetVariables': {
        const list: Payload[] = p.variables ?? [{ component: p.component, variable: p.variable, value: p.value, attributeType: p.attributeType, evseId: p.evseId }];
        let data: Payload[] = list.map((v) =>
          defined({
            component: defined({ name: v.component, instance: v.componentInstance, evse: evse(v.evseId) }),
            variable: defined({ name: v.variable, instance: v.variableInstance }),
            attributeType: v.attributeType,
            attributeValue: String(v.value),
          }),
        );
        if (this.fault('setvariables-value-number')) {
          data = data.map((d) => (/^-?\d+(\.\d+)?$/.test(d.attributeValue) ? { ...d, attributeValue: Number(d.attributeValue) } : d));
        }
        if (this.fault('setvariables-first-only')) data = data.slice(0, 1);
        return { setVariableData: data };
      }
      case 'GetBaseReport': {
        const reportBase = this.fault('basereport-wrong-base') ? 'FullInventory' : (p.reportBase ?? 'FullInventory');
        return { requestId: ++this.reportRequestIds, reportBase };
      }
      case 'Reset': {
        let type: string = p.type ?? 'OnIdle';
        if (type === 'OnIdle' && this.fault('reset-onidle-as-immediate')) type = 'Immediate';
        else if (type === 'Immediate' && this.fault('reset-immediate-as-onidle')) type = 'OnIdle';
        const evseId = this.fault('reset-evse-dropped') ? undefined : p.evseId;
        return defined({ type, evseId });
      }
      case 'RequestStartTransaction': {
        const token: IdTokenConfig = p.idToken && typeof p.idToken === 'object' ? p.idToken : this.o.config.ids.validIdToken;
        const idToken = { idToken: token.idToken, type: this.fault('remotestart-token-type-central') ? 'Central' : token.type };
        const evseId = this.fault('remotestart-evse-dropped') ? undefined : p.evseId;
        return defined({ idToken, remoteStartId: ++this.remoteStartIds, evseId });
      }
      case 'RequestStopTransaction': {
        const tx = p.transactionId ? st.transactions.get(p.transactionId) : this.runningTx(st, p.evseId);
        if (!tx) return p.transactionId ? { transactionId: p.transactionId } : 'no running transaction is known for that station/EVSE';
        return { transactionId: this.fault('remotestop-wrong-txid') ? String(tx.record) : tx.transactionId };
      }
      case 'GetTransactionStatus': {
        return defined({ transactionId: this.fault('txstatus-missing-txid') ? undefined : p.transactionId });
      }
      case 'ChangeAvailability': {
        let operationalStatus: string = p.operationalStatus ?? 'Inoperative';
        if (operationalStatus === 'Operative' && this.fault('availability-operative-inverted')) operationalStatus = 'Inoperative';
        let target = evse(p.evseId, this.fault('availability-connector-omitted') ? undefined : p.connectorId);
        if (target && p.connectorId === undefined && this.fault('availability-evse-omitted')) target = undefined;
        if (!target && this.fault('availability-station-evse-zero')) target = { id: 0 };
        return defined({ operationalStatus, evse: target });
      }
      case 'TriggerMessage': {
        const target = this.fault('trigger-evse-dropped') ? undefined : evse(p.evseId, p.connectorId);
        return defined({ requestedMessage: p.requestedMessage, evse: target });
      }
      case 'UnlockConnector': {
        return { evseId: this.fault('unlock-evse-zero') ? 0 : p.evseId, connectorId: p.connectorId };
      }
      default:
        return `the reference CSMS cannot send "${message}"`;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.sessions.values()) s.rpc.close();
    await this.listener.close();
  }
}

export const csms201: CsmsPeerModule = {
  version: '2.0.1',
  faults: CSMS_201_FAULTS,
  async start(opts) {
    const c = new ReferenceCsms201(opts);
    await c.start();
    return c;
  },
};
