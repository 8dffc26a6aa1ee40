import type WebSocket from 'ws';
import type { IdSource } from '../../../core/clock.js';
import { stationSerialOf } from '../../../core/config.js';
import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { CsmsPeerOptions, ReferenceCsms } from '../../../engine/peer-contract.js';
import { errorCode } from '../../../protocol/errors.js';
import { serializeError, serializeResult } from '../../../protocol/framing.js';
import { ActiveFaults } from '../../faults.js';
import { NO_REPLY, RpcError, RpcPeer, type Handler, type Payload } from '../../rpc.js';
import { FrameTap } from '../../shared/frame-tap.js';
import { admit } from './admission.js';
import { frameFaultInterceptor } from './blocks/frame-handling.js';
import { checkBootGate } from './blocks/provisioning.js';
import { tlsChoice } from './blocks/security.js';
import { CsmsListener } from './connection.js';
import { FRAME_FAULTS, type Csms201Fault } from './faults.js';
import { performOperatorAction } from './manual-actions.js';
import { csmsTlsFrom, type CsmsTls } from './security.js';
import type { BootPolicy, Counters, Csms2Tables, CsmsContext, StationSession, StationState, TxRecord } from './state.js';

/** Messages up to 512 KiB (bigger: close 1009). */
const MAX_MESSAGE_BYTES = 512 * 1024;
/** Fragments per message the fragment-flood-crash fault survives. */
const FAULT_MAX_FRAGMENTS = 1000;

/**
 * The 2.0.1/2.1 reference CSMS: accepts the configured station and stations the operator
 * registered (unknown identities are refused at the handshake), authorizes the configured
 * tokens, tracks transactions, and sends operator-initiated messages when asked through
 * perform(). It acts from its config and its own state only; what it answers is in the blocks
 * (blocks/*.ts), merged with its version's delta (family.ts).
 *
 * Limits and policies (the security suite checks them; a real CSMS may choose others within the
 * spec); identities, subprotocol and duplicate sessions are in admission.ts:
 *  - Boot gating: until a BootNotification of the station was Accepted (on this or an earlier
 *    connection), every other call gets CALLERROR SecurityError (B03.FR.07, B02.FR.09).
 *  - Limits: messages up to 512 KiB (bigger: close 1009); request headers within 10 s.
 *    permessage-deflate (RFC 7692) is negotiated when a station offers it, and the inflated size
 *    counts against the same limit (a deflate bomb closes with 1009). A message may come in up
 *    to 16384 fragments, which are assembled (more: close 1008). Schema-valid requests within
 *    that limit are processed whatever their item count (a MeterValues with thousands of sampled
 *    values, a NotifyReport with thousands of reportData entries, customData nested thousands of
 *    levels deep). Commands always go to the one session an identity has.
 *  - File locations it sends: blocks/firmware.ts, blocks/diagnostics.ts (hosts it never contacts).
 *  - Transactions: blocks/transactions.ts. Certificates (M03-M05): blocks/certificates.ts.
 *  - Security profiles (A00): one port serves ws:// and wss:// (TLS 1.2+, the four OCPP suites
 *    with an RSA and an ECDSA certificate, TLS 1.3). Each station is registered with a profile
 *    (the configured one); a connection on another profile is refused with 403 (A00.FR.002).
 *    Profiles 1/2: Basic auth, user = identity, checked before the upgrade (401). Profile 3: a
 *    client certificate verified against the station CA / CSMS root with CN = the station serial
 *    (stationSerialOf; stations registered by the operator share the configured station's
 *    credentials) and O = the CSO (401 otherwise).
 *  - A01: csmsSend SetVariables SecurityCtrlr.BasicAuthPassword without a value makes the CSMS
 *    choose a random 32-character password; it replaces the old one once the station answers
 *    Accepted (or RebootRequired), never before. Passwords are never logged.
 *  - A02/A03: the CSMS is the CA. A SignCertificate CSR with a valid self-signature, CN = serial,
 *    O = CSO and an RSA >= 2048 / EC >= 224 key is Accepted and a CertificateSigned (leaf +
 *    station CA, from the run's PKI) follows 50 ms later; any other CSR is Rejected.
 *  - A05: csmsSend SetNetworkProfile (securityProfile default current + 1, never lower) with the
 *    CSMS's own URL; once Accepted the station may connect on the old or the new profile, and
 *    after its first connection on the new one the old profile is refused (A05.FR.09).
 */
export class ReferenceCsms2 implements ReferenceCsms, CsmsContext {
  private readonly listener: CsmsListener;
  readonly faults: ActiveFaults<Csms201Fault>;
  readonly sessions = new Map<string, StationSession>();
  readonly allSessions = new Set<StationSession>();
  readonly stations = new Map<string, StationState>();
  /** Transactions of every station in one table (txevent-cross-station only). */
  private readonly sharedTransactions = new Map<string, TxRecord>();
  readonly counters: Counters = { records: 0, remoteStartIds: 0, reportRequestIds: 0, fileRequestIds: 0 };
  readonly tlsMaterial: CsmsTls | undefined;
  readonly subprotocol: string;
  stopped = false;
  stalled = false;
  url = '';

  constructor(
    readonly o: CsmsPeerOptions,
    private readonly tables: Csms2Tables,
  ) {
    this.faults = new ActiveFaults<Csms201Fault>(o.faults);
    this.subprotocol = tables.subprotocol;
    this.tlsMaterial = csmsTlsFrom(o.tls, o.pki);
    this.listener = new CsmsListener(
      { host: o.host, port: o.port, maxPayload: MAX_MESSAGE_BYTES, headersTimeoutMs: 10_000, secureUrl: o.config.security.profile >= 2 },
      {
        admit: (r) => admit(this, r),
        onStation: (ws, identity) => this.onStation(ws, identity),
        beforeAdmit: this.faults.has('slow-handshake-blocks-all') ? (socket) => this.listener.waitForEarlierRequests(socket) : undefined,
        tlsFor: () => tlsChoice(this),
        onAttempt: (a) => {
          if (a.outcome === 'failed') this.log(`TLS handshake #${a.index} failed: ${a.error}`);
        },
      },
    );
    // The stations this CSMS knows, with their boot policy (its own provisioning data).
    this.stations.set(o.config.stationId, this.newStation('Accepted', o.config.stationId));
  }

  newStation(policy: BootPolicy, _identity: string): StationState {
    const config = this.o.config;
    return {
      policy,
      accepted: false,
      transactions: new Map(),
      stationSeqNo: -1,
      connectors: new Map(),
      profile: config.security.profile,
      formerProfiles: [],
      password: this.o.basicAuthPassword,
      formerPasswords: [],
      // Registered stations share the configured station's credentials (one lab certificate).
      serial: stationSerialOf(config),
      reportedCerts: [],
    };
  }

  station(identity: string): StationState {
    let st = this.stations.get(identity);
    if (!st) {
      // Unknown identities are not provisioned: their boots are rejected.
      st = this.newStation('Rejected', identity);
      this.stations.set(identity, st);
    }
    return st;
  }

  tableFor(st: StationState): Map<string, TxRecord> {
    return this.faults.has('txevent-cross-station') ? this.sharedTransactions : st.transactions;
  }

  // ---- sessions ---------------------------------------------------------------------------

  private onStation(ws: WebSocket, identity: string): void {
    const o = this.o;
    const session: StationSession = { identity, rpc: undefined as unknown as RpcPeer, handlers: new Map(), outstanding: [] };
    const frameFaults = FRAME_FAULTS.some((f) => this.faults.has(f));
    const ids: IdSource = frameFaults
      ? {
          next: () => {
            const id = o.ids.next();
            session.outstanding.push(id);
            return id;
          },
        }
      : o.ids;
    const rpc = new RpcPeer(ws, { version: o.version, validator: o.validator, ids, callTimeoutMs: o.config.timeouts.messageMs * 5 });
    session.rpc = rpc;
    // The frame tap sees what ws hides (fragment counts, compression); only its faults install it.
    const tap =
      this.faults.has('fragment-flood-crash') || this.faults.has('deflate-bomb-crash')
        ? FrameTap.attach(ws, (f) => {
            if (this.faults.has('fragment-flood-crash') && f.fragments > FAULT_MAX_FRAGMENTS)
              this.crash(`a message of more than ${FAULT_MAX_FRAGMENTS} fragments`);
          })
        : undefined;
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && this.faults.has('oversized-message-crash'))
        this.crash('a message above the size limit');
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && this.faults.has('deflate-bomb-crash') && tap?.compressed)
        this.crash('a compressed message inflating beyond the size limit');
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    if (frameFaults) {
      rpc.intercept(
        frameFaultInterceptor(rpc, {
          faults: this.faults,
          crash: (why) => this.crash(why),
          get stalled() {
            return self.stalled;
          },
          set stalled(v: boolean) {
            self.stalled = v;
          },
          execute: (id, action, payload) => this.execute(session, id, action, payload),
          actions: () => [...session.handlers.keys()],
          outstanding: session.outstanding,
          log: (line) => this.log(`${identity}: ${line}`),
        }),
      );
    }
    const previous = this.sessions.get(identity);
    this.allSessions.add(session);
    if (previous && !previous.rpc.closed && (this.faults.has('duplicate-identity-shadow') || this.faults.has('clone-hijacks-commands'))) {
      // Shadowing faults: both sessions stay open; commands go to the first or the newest.
      if (this.faults.has('clone-hijacks-commands')) this.sessions.set(identity, session);
    } else {
      this.sessions.set(identity, session);
      // Two upgrades admitted at the same moment: the older one gives way.
      if (previous && !previous.rpc.closed) previous.rpc.close(1000);
    }
    rpc.onClose(() => {
      this.allSessions.delete(session);
      if (this.sessions.get(identity) === session) {
        this.sessions.delete(identity);
        const other = [...this.allSessions].find((x) => x.identity === identity && !x.rpc.closed);
        if (other) this.sessions.set(identity, other);
      }
    });
    this.installHandlers(session);
  }

  /** Dispatches the station's calls to the blocks' handlers, behind the boot gate. */
  private installHandlers(s: StationSession): void {
    const st = this.station(s.identity);
    for (const [action, handle] of this.tables.inbound) {
      const handler: Handler = (p) => {
        checkBootGate(this, st, action);
        return handle(this, p, { session: s, station: st, action });
      };
      s.handlers.set(action, handler);
      s.rpc.handle(action, handler);
    }
  }

  /** Runs a handler outside RpcPeer's validation (frame-level faults that execute bad frames). */
  private async execute(s: StationSession, messageId: string, action: string, payload: Payload): Promise<void> {
    const handler = s.handlers.get(action);
    if (!handler) return s.rpc.sendRaw(serializeError(messageId, 'NotImplemented', `unknown action ${action}`));
    try {
      const out = await handler(payload, action);
      if (out !== NO_REPLY) s.rpc.sendRaw(serializeResult(messageId, out));
    } catch (err) {
      if (err instanceof RpcError) s.rpc.sendRaw(serializeError(messageId, err.code, err.message, err.details));
      else s.rpc.sendRaw(serializeError(messageId, errorCode(this.o.version, 'internal'), (err as Error).message.slice(0, 255)));
    }
  }

  crash(reason: string): void {
    if (this.listener.crashed) return;
    this.log(`CRASH: ${reason}`);
    this.listener.crash();
    for (const s of this.allSessions) s.rpc.ws.terminate();
  }

  // ---- the CSMS's own calls ---------------------------------------------------------------

  async perform(action: ManualAction): Promise<ActionOutcome> {
    return performOperatorAction(this, this.tables.requests, action);
  }

  send(s: StationSession, action: string, payload: Payload): void {
    s.rpc
      .call(action, payload)
      .then((res) => this.afterResponse(s, action, payload, res))
      .catch((err: Error) => this.log(`${action} to ${s.identity}: ${err.message}`));
  }

  private afterResponse(s: StationSession, action: string, request: Payload, res: Payload): void {
    if (this.stopped) return;
    for (const handle of this.tables.responses.get(action) ?? []) handle(this, s, request, res);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  log(line: string): void {
    this.o.log?.(line);
  }

  now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  async start(): Promise<void> {
    this.url = await this.listener.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.allSessions) s.rpc.close();
    await this.listener.close();
  }
}
