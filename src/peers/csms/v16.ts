import type WebSocket from 'ws';
import type { ActionOutcome, ManualAction } from '../../core/manual-actions.js';
import { serializeError, serializeResult } from '../../protocol/framing.js';
import { NO_REPLY, RpcError, RpcPeer, type Payload } from '../rpc.js';
import type { CsmsPeerModule, CsmsPeerOptions, FaultInfo, ReferenceCsms } from '../../engine/peer-contract.js';
import { Listener16 } from './v16/listener.js';
import { CSMS_16_WP_FAULTS, Security16 } from './v16/security.js';

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
  // Security suite (OCPP-J robustness, handshake, session policy): each breaks one behaviour.
  { name: 'cs-closes-on-invalid-json', description: 'a text frame that is not JSON makes the central system close the WebSocket instead of ignoring it or answering a CALLERROR' },
  { name: 'cs-lenient-frame-arity', description: 'a CALL with more than four elements is executed (the extra elements are ignored) instead of being refused' },
  { name: 'cs-unknown-type-handled-as-call', description: 'a four-element frame with a message type other than 2, 3 or 4 is treated as a CALL: executed and answered with a CALLRESULT' },
  { name: 'cs-accepts-overlong-message-id', description: 'a CALL whose message id is longer than 36 characters is executed instead of refused' },
  { name: 'cs-executes-wrong-direction-remote-start', description: 'RemoteStartTransaction sent by a charge point (a central-system-to-charge-point action) is answered Accepted' },
  { name: 'cs-boot-skips-validation', description: 'BootNotification requests are not checked against the schema: an invalid one is answered Accepted' },
  { name: 'cs-crash-on-extreme-meter-value', description: 'a MeterValues sample whose value is not a finite number within 2^53 makes the central system drop the connection' },
  { name: 'cs-start-tx-replay-new-id', description: 'StartTransaction is not idempotent: the same request replayed (same message id and payload) gets a second, new transactionId' },
  { name: 'cs-crash-on-unsolicited-result', description: 'a CALLRESULT or CALLERROR that answers no outstanding call makes the central system drop the connection' },
  { name: 'cs-deadlocks-on-crossing-call', description: 'a CALL from the charge point that arrives while a central-system CALL to it is unanswered is silently dropped' },
  { name: 'cs-crash-on-malformed-callresult', description: 'a CALLRESULT whose payload violates the response schema makes the central system drop the connection' },
  { name: 'cs-selects-unoffered-subprotocol', description: 'the 101 answer selects ocpp1.6 even when the charge point did not offer it (instead of no subprotocol and a close)' },
  { name: 'cs-500-on-bad-percent-encoding', description: 'an identity in the URL that is not valid percent-encoding is answered HTTP 500 instead of a 4xx' },
  { name: 'cs-no-boot-gating', description: 'requests from a charge point whose BootNotification was not accepted (none yet, or Rejected) are processed as from an accepted one' },
  { name: 'cs-duplicate-keeps-both', description: 'a second connection with the identity of a connected charge point is accepted and the first is kept open too (two live sessions)' },
  { name: 'cs-displaced-by-refused-handshake', description: 'any upgrade request naming a connected identity closes that identity\'s session, even when the request is then refused' },
  // Security Whitepaper (testcases/ocpp16/Security): see v16/security.ts.
  ...CSMS_16_WP_FAULTS,
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
  /** Handlers by action (the RPC layer has the same ones). */
  handlers: Map<string, (p: Payload) => Payload | typeof NO_REPLY>;
  /** Ids of our own CALLs on this connection that have not been answered. */
  outstanding: Set<string>;
}

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a MeterValues payload carries a sample that is not a finite number within 2^53. */
function hasExtremeSample(p: Payload): boolean {
  const values = Array.isArray(p.meterValue) ? p.meterValue : [];
  return values.some(
    (mv: Payload) =>
      Array.isArray(mv?.sampledValue) &&
      mv.sampledValue.some((sv: Payload) => {
        const n = Number(sv?.value);
        return !Number.isFinite(n) || Math.abs(n) > 2 ** 53;
      }),
  );
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
  // Security Whitepaper (v16/security.ts)
  'ChangeConfiguration AuthorizationKey',
  'ChangeConfiguration SecurityProfile',
  'ExtendedTriggerMessage',
  'InstallCertificate',
  'GetInstalledCertificateIds',
  'DeleteCertificate',
  'GetLog',
  'SignedUpdateFirmware',
] as const;

const TRIGGERABLE = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'];

/**
 * The 1.6 reference central system: accepts the configured charge point, authorizes the
 * configured idTags, keeps the transactions it hands out, and sends operator messages when asked
 * through perform(). It never knows which case runs.
 *
 * Documented policies (what the security suite checks):
 * - Handshake: see Listener16 (identity syntax, subprotocol per OCPP-J 1.6 section 3; ws:// and
 *   wss:// on one port) and Security16 (security profile per charge point, Basic auth, client
 *   certificates, password rotation, profile upgrades). A well-formed but unknown identity may
 *   connect; its BootNotification is Rejected.
 * - Security Whitepaper: Security16 also builds the operator's certificate, log and signed
 *   firmware requests, signs CSRs as the CSO CA and serves firmware files and log uploads.
 * - Duplicate identity: the newest connection that passed every handshake check replaces the
 *   older one, which is closed (code 1000); operator commands go to the newest. A handshake that
 *   is refused (bad credentials, no ocpp1.6 offer) never touches the live session.
 * - Boot gating: until a BootNotification of the identity was Accepted (a reconnect without a
 *   reboot keeps the acceptance), every other request is answered CALLERROR SecurityError and
 *   not processed.
 * - Message ids: StartTransaction is idempotent: the same request (connector, idTag, meterStart,
 *   timestamp) repeated, with the same or a new message id, gets the same transactionId.
 */
export class ReferenceCsms16 implements ReferenceCsms {
  private readonly listener: Listener16;
  private readonly security: Security16;
  /** Transaction ids by StartTransaction request content, so a repeat gets the same id. */
  private readonly starts = new Map<string, number>();
  private readonly sessions = new Map<string, StationSession>();
  /** Transactions survive reconnects of the same charge point. */
  private readonly transactions = new Map<number, Transaction>();
  private nextTransactionId = 1;
  /** Charge points whose last BootNotification was accepted (a reconnect without reboot keeps it). */
  private readonly accepted = new Set<string>();
  url = '';

  constructor(private readonly o: CsmsPeerOptions) {
    this.security = new Security16(o, (name) => this.fault(name), (line) => this.log(line));
    this.listener = new Listener16(
      {
        host: o.host,
        port: o.port,
        version: o.version,
        tlsFor: () => this.security.tlsChoice(),
        secureUrl: o.tls !== undefined,
        serverErrorOnBadEncoding: this.fault('cs-500-on-bad-percent-encoding'),
        selectUnofferedSubprotocol: this.fault('cs-selects-unoffered-subprotocol'),
        log: (line) => this.log(line),
      },
      {
        onAttempt: (identity) => {
          const live = this.sessions.get(identity);
          if (live && !live.rpc.closed && this.fault('cs-displaced-by-refused-handshake')) live.rpc.close(1000);
        },
        admit: (c) => this.security.admit(c),
        onSession: (ws, identity) => this.onSession(ws, identity),
        onHttp: (req, res) => this.security.onHttp(req, res),
      },
    );
  }

  private onSession(ws: WebSocket, identity: string): void {
    const outstanding = new Set<string>();
    const ids = {
      next: () => {
        const id = this.o.ids.next();
        outstanding.add(id);
        return id;
      },
    };
    const rpc = new RpcPeer(ws, { version: this.o.version, validator: this.o.validator, ids, callTimeoutMs: this.o.config.timeouts.messageMs * 5 });
    const session: StationSession = { identity, rpc, authorized: new Set(), handlers: new Map(), outstanding };
    const previous = this.sessions.get(identity);
    this.sessions.set(identity, session);
    // Duplicate identity: the new, fully checked connection replaces the old one.
    if (previous && !previous.rpc.closed && !this.fault('cs-duplicate-keeps-both')) previous.rpc.close(1000);
    rpc.onClose(() => {
      if (this.sessions.get(identity) === session) this.sessions.delete(identity);
    });
    this.installHandlers(session);
    rpc.intercept((text, isBinary) => this.beforeRpc(session, text, isBinary));
    this.log(`${identity} connected`);
  }

  /** Faults below the RPC layer; the conformant central system lets every frame through. */
  private beforeRpc(s: StationSession, text: string, isBinary: boolean): boolean {
    if (isBinary) return false;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (this.fault('cs-closes-on-invalid-json')) {
        s.rpc.close(1002);
        return true;
      }
      return false;
    }
    if (!Array.isArray(value)) return false;
    const [type, id, action, payload] = value as unknown[];
    if ((type === 3 || type === 4) && typeof id === 'string') {
      const ours = s.outstanding.delete(id);
      if (!ours && this.fault('cs-crash-on-unsolicited-result')) {
        s.rpc.ws.terminate();
        return true;
      }
      return false;
    }
    const callShaped = typeof id === 'string' && id.length > 0 && typeof action === 'string' && isObject(payload);
    if (!callShaped) return false;
    const loose = () => {
      void this.looseDispatch(s, id, action, payload);
      return true;
    };
    if (type === 2 && value.length === 4) {
      if (id.length > 36) return this.fault('cs-accepts-overlong-message-id') ? loose() : false;
      if (this.fault('cs-deadlocks-on-crossing-call') && s.outstanding.size > 0) return true;
      if (action === 'MeterValues' && this.fault('cs-crash-on-extreme-meter-value') && hasExtremeSample(payload)) {
        s.rpc.ws.terminate();
        return true;
      }
      if (action === 'BootNotification' && this.fault('cs-boot-skips-validation') && !this.o.validator.validate(action, 'request', payload).valid) return loose();
      return false;
    }
    if (type === 2 && value.length > 4 && this.fault('cs-lenient-frame-arity')) return loose();
    if (type !== 2 && type !== 3 && type !== 4 && value.length === 4 && this.fault('cs-unknown-type-handled-as-call')) return loose();
    return false;
  }

  /** Faults only: runs a handler without the RPC layer's checks and answers with a CALLRESULT. */
  private async looseDispatch(s: StationSession, id: string, action: string, payload: Payload): Promise<void> {
    const handler = s.handlers.get(action);
    if (!handler) return s.rpc.sendRaw(serializeError(id, 'NotImplemented', `unknown action ${action}`));
    try {
      const out = handler(payload);
      if (out !== NO_REPLY) s.rpc.sendRaw(serializeResult(id, out));
    } catch (err) {
      const code = err instanceof RpcError ? err.code : 'InternalError';
      s.rpc.sendRaw(serializeError(id, code, (err as Error).message.slice(0, 255)));
    }
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private log(line: string): void {
    this.o.log?.(`[csms16] ${line}`);
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
    this.security.httpBase = `http://${this.o.host}:${this.listener.port}`;
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
    // Boot gating: only BootNotification is processed for a charge point not (yet) accepted.
    const on = (action: string, fn: (p: Payload) => Payload | typeof NO_REPLY, gated = true) => {
      const run = (p: Payload): Payload | typeof NO_REPLY => {
        if (gated && !this.accepted.has(s.identity) && !this.fault('cs-no-boot-gating')) {
          throw new RpcError('SecurityError', `${action} refused: the charge point has not been accepted by a BootNotification`);
        }
        return fn(p);
      };
      s.handlers.set(action, run);
      s.rpc.handle(action, run);
    };
    on('BootNotification', (): Payload => {
      let status = s.identity === cfg.stationId ? 'Accepted' : 'Rejected';
      if (status === 'Accepted' && this.fault('boot-rejected')) status = 'Rejected';
      if (status === 'Accepted') this.accepted.add(s.identity);
      else this.accepted.delete(s.identity);
      return {
        status,
        currentTime: this.now(),
        interval: status === 'Accepted' ? cfg.timeouts.heartbeatIntervalS : cfg.timeouts.bootRetryIntervalS,
      };
    }, false);
    on('Heartbeat', () => ({ currentTime: this.now() }));
    on('StatusNotification', () => ({}));
    on('MeterValues', () => ({}));
    on('DiagnosticsStatusNotification', () => ({}));
    on('FirmwareStatusNotification', () => ({}));
    if (this.fault('cs-executes-wrong-direction-remote-start')) on('RemoteStartTransaction', () => ({ status: 'Accepted' }));

    on('Authorize', (p): Payload => {
      const idTag = String(p.idTag);
      let status = this.statusOf(idTag);
      if (idTag === cfg.ids.validIdToken.idToken && this.fault('authorize-valid-invalid')) status = 'Invalid';
      if (idTag === cfg.ids.expiredIdToken.idToken && this.fault('authorize-expired-accepted')) status = 'Accepted';
      if (idTag === cfg.ids.blockedIdToken.idToken && this.fault('authorize-blocked-accepted')) status = 'Accepted';
      if (this.statusOf(idTag) === 'Invalid' && this.fault('authorize-invalid-accepted')) status = 'Accepted';
      if (status === 'Accepted') s.authorized.add(idTag);
      return { idTagInfo: this.idTagInfo(status) };
    });

    on('StartTransaction', (p): Payload => {
      const idTag = String(p.idTag);
      // Idempotent: the same start reported again (a replay or a retry) gets the same transaction.
      const key = JSON.stringify([s.identity, p.connectorId, idTag, p.meterStart, p.timestamp]);
      const known = this.fault('cs-start-tx-replay-new-id') ? undefined : this.starts.get(key);
      // The CSMS verifies the idTag again: it may have been authorized locally from stale data.
      let status = this.statusOf(idTag);
      if (this.fault('start-tx-no-idtag-check')) status = 'Accepted';
      if (status === 'Accepted' && idTag === cfg.ids.validIdToken.idToken && this.fault('start-tx-rejects-valid')) status = 'Invalid';
      if (status === 'Accepted' && !s.authorized.has(idTag) && this.fault('start-tx-requires-authorize')) status = 'Invalid';
      if (known !== undefined) {
        this.log(`StartTransaction repeated: transaction ${known} again`);
        return { transactionId: known, idTagInfo: this.idTagInfo(status) };
      }
      const tx: Transaction = { id: this.nextTransactionId++, connectorId: Number(p.connectorId), idTag, active: true };
      this.transactions.set(tx.id, tx);
      this.starts.set(key, tx.id);
      this.log(`transaction ${tx.id} started on connector ${tx.connectorId} (${status})`);
      return { transactionId: tx.id, idTagInfo: this.idTagInfo(status) };
    });

    on('StopTransaction', (p): Payload => {
      if (this.fault('stop-tx-callerror')) throw new RpcError('InternalError', 'transaction could not be closed');
      const tx = this.transactions.get(Number(p.transactionId));
      if (tx) tx.active = false;
      this.log(`transaction ${p.transactionId} stopped (${p.reason ?? 'Local'})`);
      // A transaction cannot be refused; idTagInfo is given when an idTag stopped it.
      return typeof p.idTag === 'string' ? { idTagInfo: this.idTagInfo(this.statusOf(p.idTag)) } : {};
    });

    this.installSecurityHandlers(s, on);

    on('DataTransfer', (p): Payload => {
      if (p.vendorId !== REFERENCE_VENDOR_ID) {
        return { status: this.fault('datatransfer-unknown-vendor-accepted') ? 'Accepted' : 'UnknownVendorId' };
      }
      return { status: 'UnknownMessageId' };
    });
  }

  /** Security Whitepaper messages a charge point sends (A02 CSR, A04 events, L01, N01). */
  private installSecurityHandlers(s: StationSession, on: (action: string, fn: (p: Payload) => Payload | typeof NO_REPLY) => void): void {
    on('SignCertificate', (p): Payload => {
      const verdict = this.security.csrProblem(s.identity, p.csr);
      if ('problem' in verdict) {
        this.log(`SignCertificate rejected: ${verdict.problem}`);
        return { status: 'Rejected' };
      }
      // The CA signs after the answer went out; CertificateSigned follows on the same connection.
      setTimeout(() => {
        let certificateChain: string;
        try {
          certificateChain = this.security.issueFor(verdict.pem);
        } catch (err) {
          return this.log(`cannot sign the CSR: ${(err as Error).message}`);
        }
        if (s.rpc.closed) return this.log('CertificateSigned not sent: the charge point disconnected');
        s.rpc.call('CertificateSigned', { certificateChain }).then(
          (res) => this.log(`CertificateSigned answered ${JSON.stringify(res)}`),
          (err: Error) => this.log(`CertificateSigned failed: ${err.message}`),
        );
      }, 20);
      return { status: 'Accepted' };
    });
    on('SecurityEventNotification', (p): Payload | typeof NO_REPLY => {
      const answer = this.security.securityEvent(p.type);
      if (answer === 'ignore') return NO_REPLY;
      if ('error' in answer) throw new RpcError('PropertyConstraintViolation', answer.error);
      return {};
    });
    on('SignedFirmwareStatusNotification', (p): Payload => {
      if (this.security.refusesFirmwareStatus(p.status)) throw new RpcError('PropertyConstraintViolation', `unknown firmware status ${String(p.status)}`);
      this.log(`signed firmware status ${String(p.status)} (request ${String(p.requestId ?? '-')})`);
      return {};
    });
    on('LogStatusNotification', (p): Payload => {
      this.log(`log status ${String(p.status)} (request ${String(p.requestId ?? '-')})`);
      return {};
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
    await this.security.settle(identity, message, this.o.config.timeouts.messageMs);
    const wp = this.security.operatorRequest(identity, message, details);
    const req = wp ?? this.operatorRequest(message, details);
    if ('error' in req) return { done: false, reason: req.error };
    if ('skip' in req) return { done: true };
    const shown = wp && 'secret' in wp && wp.secret ? { ...req.payload, value: '***' } : req.payload;
    this.log(`operator: sending ${message} ${JSON.stringify(shown)}`);
    // Fire and forget: the case answers the call after the manual step returns.
    const sent = s.rpc.call(message, req.payload);
    this.security.track(identity, message, sent);
    sent.then(
      (res) => {
        this.log(`${message} answered ${JSON.stringify(res)}`);
        this.security.onAnswer(identity, message, req.payload, res);
        // A response that violates its schema is logged and otherwise ignored.
        if (!this.o.validator.validate(message, 'response', res).valid) {
          this.log(`${message} response violates its schema`);
          if (this.fault('cs-crash-on-malformed-callresult')) s.rpc.ws.terminate();
        }
      },
      (err: Error) => {
        this.log(`${message} failed: ${err.message}`);
        this.security.onFailure(identity, message, req.payload);
      },
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
