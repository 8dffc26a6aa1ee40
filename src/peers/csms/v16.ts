import type { ActionOutcome, ManualAction } from '../../engine/adapter.js';
import { ReferenceListener, RpcError, RpcPeer, type Payload } from '../rpc.js';
import type { CsmsPeerModule, CsmsPeerOptions, FaultInfo, ReferenceCsms } from '../types.js';

/** Faults of the 1.6 reference central system: each breaks exactly one behaviour. */
export const CSMS_16_FAULTS: FaultInfo[] = [
  { name: 'boot-rejected', description: 'BootNotification from the configured charge point is answered Rejected' },
  { name: 'authorize-valid-invalid', description: 'Authorize of the configured valid idTag is answered Invalid' },
  { name: 'authorize-invalid-accepted', description: 'Authorize of an invalid (unknown) idTag is answered Accepted' },
  { name: 'authorize-expired-accepted', description: 'Authorize ignores expiry: the expired idTag is answered Accepted' },
  { name: 'authorize-blocked-accepted', description: 'Authorize ignores the block list: the blocked idTag is answered Accepted' },
  { name: 'start-tx-rejects-valid', description: 'StartTransaction answers the configured valid idTag with idTagInfo Invalid' },
  { name: 'start-tx-requires-authorize', description: 'StartTransaction is Accepted only for idTags authorized by an Authorize earlier on the connection (cached ids get Invalid)' },
  { name: 'start-tx-no-idtag-check', description: 'StartTransaction does not verify the idTag: any idTag is answered Accepted' },
  { name: 'stop-tx-callerror', description: 'StopTransaction is answered with a CALLERROR (InternalError) instead of StopTransaction.conf' },
  { name: 'remote-start-wrong-idtag', description: 'RemoteStartTransaction carries a different idTag than the operator chose' },
  { name: 'remote-start-connector-zero', description: 'RemoteStartTransaction carries connectorId 0 instead of the chosen connector' },
  { name: 'remote-stop-wrong-transaction', description: 'RemoteStopTransaction carries the previous transactionId (off by one) instead of the running one' },
  { name: 'reset-hard-as-soft', description: 'an operator Hard reset is sent as Reset type Soft' },
  { name: 'reset-soft-as-hard', description: 'an operator Soft reset is sent as Reset type Hard' },
  { name: 'unlock-wrong-connector', description: 'UnlockConnector names the connector after the chosen one' },
  { name: 'getconfig-all-sends-keys', description: 'GetConfiguration for all keys is sent with a fixed key list instead of no key' },
  { name: 'getconfig-key-dropped', description: 'GetConfiguration for specific keys is sent without the key list' },
  { name: 'changeconfig-wrong-value', description: 'ChangeConfiguration carries the value multiplied by 1000 (seconds sent as milliseconds)' },
  { name: 'clearcache-not-sent', description: 'an operator ClearCache request is acknowledged but ClearCache is never sent' },
  { name: 'trigger-wrong-message', description: 'TriggerMessage asks for a different message than the operator chose' },
  { name: 'datatransfer-unknown-vendor-accepted', description: 'DataTransfer from an unknown vendorId is answered Accepted instead of UnknownVendorId' },
];

/** The vendorId this central system implements DataTransfer for; any other is unknown. */
export const REFERENCE_VENDOR_ID = 'org.ocpp-harness.reference';

interface Transaction {
  id: number;
  connectorId: number;
  idTag: string;
  active: boolean;
}

interface StationSession {
  identity: string;
  rpc: RpcPeer;
  /** idTags this connection asked about with Authorize (for the start-tx-requires-authorize fault). */
  authorized: Set<string>;
}

type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

const OPERATOR_MESSAGES = [
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'Reset',
  'ChangeConfiguration',
  'GetConfiguration',
  'UnlockConnector',
  'ChangeAvailability',
  'ClearCache',
  'TriggerMessage',
] as const;

const TRIGGERABLE = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'];

/**
 * The 1.6 reference central system: accepts the configured charge point, authorizes the
 * configured idTags, keeps the transactions it hands out, and sends operator messages when asked
 * through perform(). It never knows which case runs.
 */
export class ReferenceCsms16 implements ReferenceCsms {
  private readonly listener: ReferenceListener;
  private readonly sessions = new Map<string, StationSession>();
  /** Transactions survive reconnects of the same charge point. */
  private readonly transactions = new Map<number, Transaction>();
  private nextTransactionId = 1;
  /** Charge points whose last BootNotification was accepted (a reconnect without reboot keeps it). */
  private readonly accepted = new Set<string>();
  url = '';

  constructor(private readonly o: CsmsPeerOptions) {
    this.listener = new ReferenceListener(
      { host: o.host, port: o.port, version: o.version, passwords: () => o.basicAuthPassword },
      ({ ws, identity }) => {
        const rpc = new RpcPeer(ws, { version: o.version, validator: o.validator, ids: o.ids, callTimeoutMs: o.config.timeouts.messageMs * 5 });
        const session: StationSession = { identity, rpc, authorized: new Set() };
        const previous = this.sessions.get(identity);
        this.sessions.set(identity, session);
        if (previous && !previous.rpc.closed) previous.rpc.close(1000);
        rpc.onClose(() => {
          if (this.sessions.get(identity) === session) this.sessions.delete(identity);
        });
        this.installHandlers(session);
        this.log(`${identity} connected`);
      },
    );
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private log(line: string): void {
    this.o.log?.(`[csms16] ${line}`);
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
  }

  private now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  /** The authorization status of an idTag from the configured tokens. */
  private statusOf(idTag: string): IdTagStatus {
    const ids = this.o.config.ids;
    if (idTag === ids.validIdToken.idToken) return 'Accepted';
    if (idTag === ids.blockedIdToken.idToken) return 'Blocked';
    if (idTag === ids.expiredIdToken.idToken) return 'Expired';
    return 'Invalid';
  }

  private idTagInfo(status: IdTagStatus): Payload {
    const info: Payload = { status };
    if (status === 'Expired') info.expiryDate = new Date(this.o.clock.now() - 86_400_000).toISOString();
    return info;
  }

  private installHandlers(s: StationSession): void {
    const cfg = this.o.config;
    s.rpc.handle('BootNotification', (): Payload => {
      let status = s.identity === cfg.stationId ? 'Accepted' : 'Rejected';
      if (status === 'Accepted' && this.fault('boot-rejected')) status = 'Rejected';
      if (status === 'Accepted') this.accepted.add(s.identity);
      else this.accepted.delete(s.identity);
      return {
        status,
        currentTime: this.now(),
        interval: status === 'Accepted' ? cfg.timeouts.heartbeatIntervalS : cfg.timeouts.bootRetryIntervalS,
      };
    });
    s.rpc.handle('Heartbeat', () => ({ currentTime: this.now() }));
    s.rpc.handle('StatusNotification', () => ({}));
    s.rpc.handle('MeterValues', () => ({}));
    s.rpc.handle('DiagnosticsStatusNotification', () => ({}));
    s.rpc.handle('FirmwareStatusNotification', () => ({}));

    s.rpc.handle('Authorize', (p): Payload => {
      const idTag = String(p.idTag);
      let status = this.statusOf(idTag);
      if (idTag === cfg.ids.validIdToken.idToken && this.fault('authorize-valid-invalid')) status = 'Invalid';
      if (idTag === cfg.ids.expiredIdToken.idToken && this.fault('authorize-expired-accepted')) status = 'Accepted';
      if (idTag === cfg.ids.blockedIdToken.idToken && this.fault('authorize-blocked-accepted')) status = 'Accepted';
      if (this.statusOf(idTag) === 'Invalid' && this.fault('authorize-invalid-accepted')) status = 'Accepted';
      if (status === 'Accepted') s.authorized.add(idTag);
      return { idTagInfo: this.idTagInfo(status) };
    });

    s.rpc.handle('StartTransaction', (p): Payload => {
      const idTag = String(p.idTag);
      // The CSMS verifies the idTag again: it may have been authorized locally from stale data.
      let status = this.statusOf(idTag);
      if (this.fault('start-tx-no-idtag-check')) status = 'Accepted';
      if (status === 'Accepted' && idTag === cfg.ids.validIdToken.idToken && this.fault('start-tx-rejects-valid')) status = 'Invalid';
      if (status === 'Accepted' && !s.authorized.has(idTag) && this.fault('start-tx-requires-authorize')) status = 'Invalid';
      const tx: Transaction = { id: this.nextTransactionId++, connectorId: Number(p.connectorId), idTag, active: true };
      this.transactions.set(tx.id, tx);
      this.log(`transaction ${tx.id} started on connector ${tx.connectorId} (${status})`);
      return { transactionId: tx.id, idTagInfo: this.idTagInfo(status) };
    });

    s.rpc.handle('StopTransaction', (p): Payload => {
      if (this.fault('stop-tx-callerror')) throw new RpcError('InternalError', 'transaction could not be closed');
      const tx = this.transactions.get(Number(p.transactionId));
      if (tx) tx.active = false;
      this.log(`transaction ${p.transactionId} stopped (${p.reason ?? 'Local'})`);
      // A transaction cannot be refused; idTagInfo is given when an idTag stopped it.
      return typeof p.idTag === 'string' ? { idTagInfo: this.idTagInfo(this.statusOf(p.idTag)) } : {};
    });

    s.rpc.handle('DataTransfer', (p): Payload => {
      if (p.vendorId !== REFERENCE_VENDOR_ID) {
        return { status: this.fault('datatransfer-unknown-vendor-accepted') ? 'Accepted' : 'UnknownVendorId' };
      }
      return { status: 'UnknownMessageId' };
    });
  }

  // ---- operator actions ------------------------------------------------------------------

  /** Builds the request the operator asked for, or explains why it cannot be sent. */
  private operatorRequest(message: string, d: Record<string, unknown>): { payload: Payload } | { skip: true } | { error: string } {
    const cfg = this.o.config;
    const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    switch (message) {
      case 'RemoteStartTransaction': {
        let idTag = typeof d.idTag === 'string' ? d.idTag : cfg.ids.validIdToken.idToken;
        let connectorId = int(d.connectorId) ?? cfg.ids.connectorId;
        if (this.fault('remote-start-wrong-idtag')) idTag = idTag === cfg.ids.invalidIdToken.idToken ? cfg.ids.validIdToken.idToken : cfg.ids.invalidIdToken.idToken;
        if (this.fault('remote-start-connector-zero')) connectorId = 0;
        return { payload: { connectorId, idTag } };
      }
      case 'RemoteStopTransaction': {
        const active = [...this.transactions.values()].filter((t) => t.active);
        const wanted = int(d.transactionId);
        const connector = int(d.connectorId);
        const tx =
          wanted !== undefined
            ? active.find((t) => t.id === wanted)
            : [...active].reverse().find((t) => connector === undefined || t.connectorId === connector);
        if (!tx) return { error: wanted !== undefined ? `no running transaction ${wanted}` : 'no running transaction to stop' };
        return { payload: { transactionId: this.fault('remote-stop-wrong-transaction') ? tx.id - 1 : tx.id } };
      }
      case 'Reset': {
        let type = d.type;
        if (type !== 'Hard' && type !== 'Soft') return { error: 'Reset needs type "Hard" or "Soft"' };
        if (type === 'Hard' && this.fault('reset-hard-as-soft')) type = 'Soft';
        else if (type === 'Soft' && this.fault('reset-soft-as-hard')) type = 'Hard';
        return { payload: { type } };
      }
      case 'ChangeConfiguration': {
        if (typeof d.key !== 'string' || d.key === '') return { error: 'ChangeConfiguration needs a key' };
        if (d.value === undefined || d.value === null) return { error: 'ChangeConfiguration needs a value' };
        let value = String(d.value);
        if (this.fault('changeconfig-wrong-value') && /^\d+$/.test(value)) value = String(Number(value) * 1000);
        return { payload: { key: d.key, value } };
      }
      case 'GetConfiguration': {
        const keys = Array.isArray(d.key) ? d.key.map(String) : typeof d.key === 'string' ? [d.key] : [];
        if (keys.length === 0) {
          return { payload: this.fault('getconfig-all-sends-keys') ? { key: ['HeartbeatInterval', 'MeterValueSampleInterval'] } : {} };
        }
        return { payload: this.fault('getconfig-key-dropped') ? {} : { key: keys } };
      }
      case 'UnlockConnector': {
        const connectorId = int(d.connectorId) ?? cfg.ids.connectorId;
        return { payload: { connectorId: this.fault('unlock-wrong-connector') ? connectorId + 1 : connectorId } };
      }
      case 'ChangeAvailability': {
        if (d.type !== 'Operative' && d.type !== 'Inoperative') return { error: 'ChangeAvailability needs type "Operative" or "Inoperative"' };
        return { payload: { connectorId: int(d.connectorId) ?? 0, type: d.type } };
      }
      case 'ClearCache':
        return this.fault('clearcache-not-sent') ? { skip: true } : { payload: {} };
      case 'TriggerMessage': {
        const requested = d.requestedMessage;
        if (typeof requested !== 'string' || !TRIGGERABLE.includes(requested)) return { error: `TriggerMessage needs requestedMessage, one of ${TRIGGERABLE.join(', ')}` };
        const requestedMessage = this.fault('trigger-wrong-message') ? (requested === 'Heartbeat' ? 'StatusNotification' : 'Heartbeat') : requested;
        const payload: Payload = { requestedMessage };
        const connectorId = int(d.connectorId);
        if (connectorId !== undefined) payload.connectorId = connectorId;
        return { payload };
      }
      default:
        return { error: `the reference central system has no operator action for "${message}" (it supports ${OPERATOR_MESSAGES.join(', ')})` };
    }
  }

  async perform(action: ManualAction): Promise<ActionOutcome> {
    if (action.action !== 'csmsSend') return { done: false, reason: `the reference central system cannot perform "${action.action}"` };
    const { message, stationId, ...details } = action.params as { message?: unknown; stationId?: unknown } & Record<string, unknown>;
    if (typeof message !== 'string') return { done: false, reason: 'csmsSend needs "message", the OCPP action to send' };
    const identity = typeof stationId === 'string' ? stationId : this.o.config.stationId;
    const s = this.sessions.get(identity);
    if (!s || s.rpc.closed) return { done: false, reason: `charge point "${identity}" is not connected` };
    if (!this.accepted.has(identity)) return { done: false, reason: `charge point "${identity}" has not been accepted by a BootNotification` };
    const req = this.operatorRequest(message, details);
    if ('error' in req) return { done: false, reason: req.error };
    if ('skip' in req) return { done: true };
    this.log(`operator: sending ${message} ${JSON.stringify(req.payload)}`);
    // Fire and forget: the case answers the call after the manual step returns.
    s.rpc.call(message, req.payload).then(
      (res) => this.log(`${message} answered ${JSON.stringify(res)}`),
      (err: Error) => this.log(`${message} failed: ${err.message}`),
    );
    return { done: true };
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.rpc.close();
    this.sessions.clear();
    await this.listener.close();
  }
}

export const csms16: CsmsPeerModule = {
  version: '1.6',
  faults: CSMS_16_FAULTS,
  async start(opts) {
    const c = new ReferenceCsms16(opts);
    await c.start();
    return c;
  },
};
