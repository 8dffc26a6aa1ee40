import type WebSocket from 'ws';
import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { CsmsPeerOptions, ReferenceCsms } from '../../../engine/peer-contract.js';
import { RpcPeer, type NO_REPLY, type Payload } from '../../rpc.js';
import { CentralSystem16, type CallHandler16, type StationSession } from './central-system.js';
import { Listener16 } from './connection.js';
import { perform } from './manual-actions.js';
import { onAuthorize } from './blocks/authorization.js';
import { onSignCertificate } from './blocks/certificates.js';
import { acknowledge, checkBootGate, onBootNotification, onDataTransfer, onHeartbeat, onStatusNotification } from './blocks/core.js';
import { onFirmwareDownload, onSignedFirmwareStatusNotification } from './blocks/firmware.js';
import { beforeRpc } from './blocks/frame-handling.js';
import { onLogStatusNotification, onLogUpload, onSecurityEventNotification } from './blocks/security-log.js';
import { onStartTransaction, onStopTransaction } from './blocks/transactions.js';

/**
 * The 1.6 reference central system: accepts the configured charge point, authorizes the
 * configured idTags, keeps the transactions it hands out, and sends operator messages when asked
 * through perform(). It never knows which case runs.
 *
 * Documented policies (what the security suite checks):
 * - Handshake: see Listener16 (identity syntax, subprotocol per OCPP-J 1.6 section 3; ws:// and
 *   wss:// on one port) and Credentials16 (security profile per charge point, Basic auth, client
 *   certificates, password rotation, profile upgrades). A well-formed but unknown identity may
 *   connect; its BootNotification is Rejected.
 * - Security Whitepaper: the certificates, security-log and firmware blocks build the operator's
 *   certificate, log and signed firmware requests, sign CSRs as the CSO CA and serve firmware
 *   files and log uploads.
 * - Duplicate identity: the newest connection that passed every handshake check replaces the
 *   older one, which is closed (code 1000); operator commands go to the newest. A handshake that
 *   is refused (bad credentials, no ocpp1.6 offer) never touches the live session.
 * - Boot gating: until a BootNotification of the identity was Accepted (a reconnect without a
 *   reboot keeps the acceptance), every other request is answered CALLERROR SecurityError and
 *   not processed.
 * - Message ids: StartTransaction is idempotent (see the transactions block).
 */
export class ReferenceCsms16 extends CentralSystem16 implements ReferenceCsms {
  private readonly listener: Listener16;
  url = '';

  constructor(o: CsmsPeerOptions) {
    super(o);
    this.listener = new Listener16(
      {
        host: o.host,
        port: o.port,
        version: o.version,
        tlsFor: () => this.credentials.tlsChoice(),
        secureUrl: o.tls !== undefined,
        serverErrorOnBadEncoding: this.faults.has('cs-500-on-bad-percent-encoding'),
        selectUnofferedSubprotocol: this.faults.has('cs-selects-unoffered-subprotocol'),
        log: (line) => this.log(line),
      },
      {
        onAttempt: (identity) => {
          const live = this.sessions.get(identity);
          if (live && !live.rpc.closed && this.faults.has('cs-displaced-by-refused-handshake')) live.rpc.close(1000);
        },
        admit: (c) => this.credentials.admit(c),
        onSession: (ws, identity) => this.onSession(ws, identity),
        onHttp: (req, res) => onFirmwareDownload(this, req, res) || onLogUpload(this, req, res),
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
    const rpc = new RpcPeer(ws, {
      version: this.o.version,
      validator: this.o.validator,
      ids,
      callTimeoutMs: this.o.config.timeouts.messageMs * 5,
    });
    const session: StationSession = { identity, rpc, authorized: new Set(), handlers: new Map(), outstanding };
    const previous = this.sessions.get(identity);
    this.sessions.set(identity, session);
    // Duplicate identity: the new, fully checked connection replaces the old one.
    if (previous && !previous.rpc.closed && !this.faults.has('cs-duplicate-keeps-both')) previous.rpc.close(1000);
    rpc.onClose(() => {
      if (this.sessions.get(identity) === session) this.sessions.delete(identity);
    });
    this.installHandlers(session);
    rpc.intercept((text, isBinary) => beforeRpc(this, session, text, isBinary));
    this.log(`${identity} connected`);
  }

  /** The dispatch of charge-point requests to the blocks; all but BootNotification are boot-gated. */
  private installHandlers(s: StationSession): void {
    const on = (action: string, fn: (p: Payload) => Payload | typeof NO_REPLY, gated = true) => {
      const run: CallHandler16 = (p) => {
        if (gated) checkBootGate(this, s, action);
        return fn(p);
      };
      s.handlers.set(action, run);
      s.rpc.handle(action, run);
    };
    on('BootNotification', () => onBootNotification(this, s), false);
    on('Heartbeat', () => onHeartbeat(this));
    on('StatusNotification', (p) => onStatusNotification(this, s, p));
    on('MeterValues', acknowledge);
    on('DiagnosticsStatusNotification', acknowledge);
    on('FirmwareStatusNotification', acknowledge);
    if (this.faults.has('cs-executes-wrong-direction-remote-start')) on('RemoteStartTransaction', () => ({ status: 'Accepted' }));
    on('Authorize', (p) => onAuthorize(this, s, p));
    on('StartTransaction', (p) => onStartTransaction(this, s, p));
    on('StopTransaction', (p) => onStopTransaction(this, p));
    // Security Whitepaper messages a charge point sends (A02 CSR, A04 events, L01, N01).
    on('SignCertificate', (p) => onSignCertificate(this, s, p));
    on('SecurityEventNotification', (p) => onSecurityEventNotification(this, p));
    on('SignedFirmwareStatusNotification', (p) => onSignedFirmwareStatusNotification(this, p));
    on('LogStatusNotification', (p) => onLogStatusNotification(this, p));
    on('DataTransfer', (p) => onDataTransfer(this, p));
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
    this.httpBase = `http://${this.o.host}:${this.listener.port}`;
  }

  perform(action: ManualAction): Promise<ActionOutcome> {
    return perform(this, action);
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.rpc.close();
    this.sessions.clear();
    await this.listener.close();
  }
}
