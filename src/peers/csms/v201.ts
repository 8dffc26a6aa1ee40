import { createHash, X509Certificate } from 'node:crypto';
import WebSocket from 'ws';
import { organizationOf, stationSerialOf } from '../../core/config.js';
import type { SecurityProfile } from '../../core/meta.js';
import { certificateHashData, splitPemChain, type CertificateHashData } from '../../pki/test-pki.js';
import type { TlsChoice } from '../../transport/dual-listener.js';
import { OCPP_CIPHERS } from '../../transport/tls.js';
import { CERTIFICATE_USES, csmsTlsFrom, csrProblems, newBasicAuthPassword, ROOT_ARTIFACTS, type CsmsTls } from './v201/security.js';
import type { ActionOutcome, ManualAction } from '../../core/manual-actions.js';
import type { IdTokenConfig } from '../../core/config.js';
import type { IdSource } from '../../core/clock.js';
import { serializeError, serializeResult } from '../../protocol/framing.js';
import { errorCode } from '../../protocol/errors.js';
import { subprotocolOf } from '../../core/versions.js';
import { NO_REPLY, RpcError, RpcPeer, type Handler, type Payload } from '../rpc.js';
import type { CsmsPeerModule, CsmsPeerOptions, FaultInfo, ReferenceCsms } from '../../engine/peer-contract.js';
import { CsmsListener201, type Admission, type UpgradeRequest, type UpgradeTls } from './v201/listener.js';
import { CSMS_201_SECURITY_FAULTS, FRAME_FAULTS, STANDARD_SECURITY_EVENTS_201 } from './v201/security-faults.js';
import { frameFaultInterceptor } from './v201/frame-faults.js';
import { FrameTap } from '../station/v201/frame-tap.js';

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
  // Security suite (src/peers/csms/v201/security-faults.ts)
  ...CSMS_201_SECURITY_FAULTS,
];

/**
 * Limits and policies of the reference CSMS (the security suite checks them; a real CSMS may
 * choose others within the spec):
 *  - Identities: the configured station and stations registered by the operator
 *    (csmsRegisterStation) are known. A URL with a query string, or an identity that is not an
 *    identifierString of at most 48 characters without ':' (or is made of dots only), gets 400;
 *    an empty identity or an unknown well-formed one gets 404 (OCPP-J 3.2); wrong or missing
 *    Basic credentials (profile 1/2) get 401 with WWW-Authenticate.
 *  - Subprotocol: ocpp2.0.1 is selected when offered; otherwise the handshake completes without
 *    a subprotocol and the connection is closed at once with 1002 (OCPP-J 3.2).
 *  - Duplicate identity: a new connection for an identity that has an open session makes the
 *    CSMS ping the existing session. If it answers within the liveness window (half the message
 *    timeout, at most 1 s) the new connection is refused with HTTP 409 and the live session is
 *    untouched; if it does not (a half-open "ghost"), the old session is dropped and the new one
 *    accepted. Commands always go to the one session an identity has.
 *  - Boot gating: until a BootNotification of the station was Accepted (on this or an earlier
 *    connection), every other call gets CALLERROR SecurityError (B03.FR.07, B02.FR.09).
 *  - Limits: messages up to 512 KiB (bigger: close 1009); request headers within 10 s.
 *    permessage-deflate (RFC 7692) is negotiated when a station offers it, and the inflated size
 *    counts against the same limit (a deflate bomb closes with 1009). A message may come in up
 *    to 16384 fragments, which are assembled (more: close 1008).
 *    Schema-valid requests within that limit are processed whatever their item count (a
 *    MeterValues with thousands of sampled values, a NotifyReport with thousands of reportData
 *    entries, customData nested thousands of levels deep).
 *  - File locations it sends: firmware (UpdateFirmware, PublishFirmware) from
 *    https://firmware.ref-csms.invalid/, log uploads (GetLog) to https://logs.ref-csms.invalid/
 *    (hosts it never contacts), always https and never with credentials in the URL.
 *  - Transactions belong to the station that reported them; transactionIds are per station,
 *    and a TransactionEvent whose seqNo was already processed changes nothing (it is answered
 *    as before).
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
 *  - M03-M05: csmsSend InstallCertificate { certificateType } takes the root from the run's PKI;
 *    GetInstalledCertificateIds { certificateType?: string[] } remembers the reported hash data;
 *    DeleteCertificate { certificateType | certificateHashData } uses the reported hash data
 *    (else computes SHA256 hash data of its own copy). Failed / NotFound answers are final.
 */
const MAX_MESSAGE_BYTES = 512 * 1024;
/** Fragments per message the fragment-flood-crash fault survives. */
const FAULT_MAX_FRAGMENTS = 1000;
/** Sampled values per MeterValues request the large-metervalues-crash fault survives. */
const FAULT_MAX_SAMPLED_VALUES = 1000;
/** Where the firmware images and log uploads of this CSMS live (hosts it never contacts). */
const FIRMWARE_HOST = 'firmware.ref-csms.invalid';
const LOG_HOST = 'logs.ref-csms.invalid';
/** The firmware repository's download account (only firmware-url-embeds-credentials puts it in URLs). */
const FIRMWARE_REPO_USER = 'fwdownload';
const FIRMWARE_REPO_PASSWORD = 'Ref201-Fw-Repo-Secret';
const FIRMWARE_IMAGE = 'RefStation-1.0.1.bin';
const IDENTIFIER = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;

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
  /** The station the transaction belongs to. */
  owner: string;
  /** seqNos already processed. */
  seen: Set<number>;
}

interface StationSession {
  identity: string;
  rpc: RpcPeer;
  /** The handlers installed on rpc, by action (frame-level faults execute through them). */
  handlers: Map<string, Handler>;
  /** Ids of this CSMS's own calls on the session still waiting for an answer (frame faults only). */
  outstanding: string[];
}

interface StationState {
  policy: BootPolicy;
  accepted: boolean;
  /** Status of the last BootNotification answered. */
  lastBoot?: BootPolicy;
  transactions: Map<string, TxRecord>;
  /** Highest seqNo seen on the station, used only by the per-station seqNo fault. */
  stationSeqNo: number;
  connectors: Map<string, string>;
  /** The security profile the station is registered with (A00.FR.002). */
  profile: SecurityProfile;
  /** A higher profile the station accepted (SetNetworkProfile); allowed next to profile until first used. */
  pendingProfile?: SecurityProfile;
  /** Profiles the station used before an upgrade (accepted again only under a fault). */
  formerProfiles: SecurityProfile[];
  /** Basic-auth password for profiles 1/2. Never logged. */
  password?: string;
  /** Passwords replaced by a rotation (accepted again only under a fault). Never logged. */
  formerPasswords: string[];
  /** The serial number the station certificate's CN must carry (A00.FR.405). */
  serial: string;
  /** Fault old-client-cert-revoked-on-issue: the one client certificate (fingerprint) still accepted. */
  onlyCertificate?: string;
  /** What the station last reported in GetInstalledCertificateIds. */
  reportedCerts: { certificateType: string; hashData: CertificateHashData }[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The 2.0.1 reference CSMS: accepts the configured station and stations the operator registered
 * (unknown identities are refused at the handshake), authorizes the configured tokens, tracks
 * transactions, and sends operator-initiated messages when asked through perform(). It acts
 * from its config and its own state only. Its security policies are listed above.
 */
export class ReferenceCsms201 implements ReferenceCsms {
  private listener: CsmsListener201;
  /** The session commands go to, per identity. */
  private readonly sessions = new Map<string, StationSession>();
  /** Every open session (more than one per identity only under a shadowing fault). */
  private readonly allSessions = new Set<StationSession>();
  private readonly stations = new Map<string, StationState>();
  /** Transactions of every station in one table (txevent-cross-station only). */
  private readonly sharedTransactions = new Map<string, TxRecord>();
  private records = 0;
  private remoteStartIds = 0;
  private reportRequestIds = 0;
  /** requestIds of UpdateFirmware, PublishFirmware and GetLog. */
  private fileRequestIds = 0;
  private stopped = false;
  /** heartbeat-flood-stall: the CSMS reads frames and answers none. */
  stalled = false;
  url = '';

  /** Server certificates and client trust for wss:// (from the run's PKI, at every profile). */
  private readonly tlsMaterial: CsmsTls | undefined;

  constructor(private readonly o: CsmsPeerOptions) {
    this.tlsMaterial = csmsTlsFrom(o.tls, o.pki);
    this.listener = new CsmsListener201(
      { host: o.host, port: o.port, maxPayload: MAX_MESSAGE_BYTES, headersTimeoutMs: 10_000, secureUrl: o.config.security.profile >= 2 },
      {
        admit: (r) => this.admit(r),
        onStation: (ws, identity) => this.onStation(ws, identity),
        beforeAdmit: this.fault('slow-handshake-blocks-all') ? (socket) => this.listener.waitForEarlierRequests(socket) : undefined,
        tlsFor: () => this.tlsChoice(),
        onAttempt: (a) => {
          if (a.outcome === 'failed') this.log(`TLS handshake #${a.index} failed: ${a.error}`);
        },
      },
    );
    // The stations this CSMS knows, with their boot policy (its own provisioning data).
    this.stations.set(o.config.stationId, this.newStation('Accepted', o.config.stationId));
  }

  private newStation(policy: BootPolicy, _identity: string): StationState {
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

  // ---- security profiles ------------------------------------------------------------------

  /**
   * TLS for one incoming connection: TLS 1.2+, the four OCPP suites (plus TLS 1.3) with the RSA
   * and the ECDSA certificate; a client certificate is asked for while any station is (or is
   * moving to) profile 3. Undefined (no PKI) refuses TLS.
   */
  private tlsChoice(): TlsChoice | undefined {
    const m = this.tlsMaterial;
    if (!m) return undefined;
    const pki = this.o.pki;
    let certs = m.server;
    if (this.fault('ecdsa-certificate-missing')) certs = certs.slice(0, 1);
    if (this.fault('server-cert-untrusted') && pki) certs = [pki.artifact('csms-server-unknown-issuer')];
    if (this.fault('server-cert-weak-key') && pki) certs = [pki.artifact('csms-server-weak-key')];
    const legacy = this.fault('legacy-tls-accepted');
    const weak = this.fault('weak-cipher-suites-accepted');
    const extra = [legacy ? 'AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA' : '', weak ? 'aNULL:eNULL' : ''].filter(Boolean);
    const lowered = legacy || weak || this.fault('server-cert-weak-key');
    const requestCert = !this.fault('client-cert-not-requested') && [...this.stations.values()].some((st) => st.profile === 3 || st.pendingProfile === 3);
    return {
      requestCert,
      options: {
        key: certs.map((c) => c.keyPem),
        cert: certs.map((c) => c.chainPem),
        minVersion: legacy ? 'TLSv1' : 'TLSv1.2',
        ciphers: [OCPP_CIPHERS, ...extra, ...(lowered ? ['@SECLEVEL=0'] : [])].join(':'),
        ...(requestCert ? { ca: m.clientTrust } : {}),
      },
    };
  }

  /**
   * The security-profile part of an upgrade (A00.FR.002, 2xx-4xx): the connection must use the
   * profile the station is registered with (or one it is moving to), with its credentials.
   * Undefined admits.
   */
  private checkSecurity(identity: string, st: StationState, r: UpgradeRequest): Admission | undefined {
    const accepted = new Set<SecurityProfile>([st.profile]);
    if (st.pendingProfile !== undefined) accepted.add(st.pendingProfile);
    if (this.fault('lower-profile-accepted-after-upgrade')) for (const p of st.formerProfiles) accepted.add(p);
    const wrong = (used: string): Admission => ({ refuse: 403, reason: `station registered with security profile ${[...accepted].join(' or ')} connected with ${used}` });
    let profile: SecurityProfile;
    if (!r.tls) {
      if (accepted.has(1)) profile = 1;
      else if (accepted.has(0)) profile = 0;
      else if (this.fault('plain-ws-accepted-for-tls-station')) profile = st.password !== undefined ? 1 : 0;
      else return wrong('plain ws:// (profile 0/1)');
    } else {
      const presented = r.tls.clientCert?.subjectCN !== undefined || r.tls.clientFingerprint !== undefined;
      if (accepted.has(3) && (presented || !accepted.has(2))) profile = 3;
      else if (accepted.has(2)) profile = 2;
      else return wrong('TLS (profile 2/3)');
    }
    if (profile === 3) {
      const problem = this.clientCertProblem(st, r.tls!);
      if (problem) return { refuse: 401, reason: problem };
    } else if (profile === 1 || profile === 2) {
      const problem = this.basicAuthProblem(identity, st, r.authorization);
      if (problem) return problem;
    }
    if (profile === st.pendingProfile && profile !== st.profile) {
      this.log(`${identity}: now on security profile ${profile} (was ${st.profile})`);
      st.formerProfiles.push(st.profile);
      st.profile = profile;
      st.pendingProfile = undefined;
    }
    return undefined;
  }

  /** Profile 3: a verified certificate with CN = the station's serial and O = the CSO (A00.FR.403-407). */
  private clientCertProblem(st: StationState, t: UpgradeTls): string | undefined {
    const c = t.clientCert;
    if (!c || (c.subjectCN === undefined && t.clientFingerprint === undefined)) return 'security profile 3: a client certificate is required';
    if (!c.authorized) return `security profile 3: the client certificate does not verify (${c.authorizationError ?? 'not verified'})`;
    if (!this.fault('client-cert-cn-unchecked') && c.subjectCN !== st.serial) return 'security profile 3: the certificate CN is not the serial number of this station';
    if (c.subjectO !== organizationOf(this.o.config)) return 'security profile 3: the certificate O is not the CSO organisation';
    if (st.onlyCertificate && t.clientFingerprint !== st.onlyCertificate) return 'security profile 3: not the certificate most recently issued to this station';
    return undefined;
  }

  /** Profiles 1/2: HTTP Basic with user = identity and the station's password (A00.FR.202-204). */
  private basicAuthProblem(identity: string, st: StationState, header: string | undefined): Admission | undefined {
    const password = st.password;
    if (password === undefined) return undefined;
    const unauthorized = (reason: string): Admission => ({ refuse: 401, reason, headers: { 'WWW-Authenticate': 'Basic realm="OCPP", charset="UTF-8"' } });
    if (header === undefined) return this.fault('missing-credentials-accepted') ? undefined : unauthorized('valid credentials required');
    const m = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (!m) return unauthorized('valid credentials required');
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return this.fault('malformed-basic-header-500') ? { refuse: 500, reason: 'internal server error' } : unauthorized('valid credentials required');
    const user = decoded.slice(0, colon);
    const given = decoded.slice(colon + 1);
    if (user !== identity && !this.fault('basic-auth-user-unchecked')) return unauthorized('valid credentials required');
    const stored = this.fault('basic-auth-password-max-20') ? password.slice(0, 20) : password;
    const ok = given === stored || this.fault('basic-auth-password-unchecked') || (this.fault('old-password-kept-after-update') && st.formerPasswords.includes(given));
    return ok ? undefined : unauthorized('valid credentials required');
  }

  // ---- connections ------------------------------------------------------------------------

  /** Decides an upgrade: URL and identity, credentials, subprotocol, duplicate sessions. */
  private async admit(r: UpgradeRequest): Promise<Admission> {
    if (r.url.includes('?')) return { refuse: 400, reason: 'a query string is not accepted in the connection URL' };
    if (r.rawIdentity === '') return { refuse: 404, reason: 'no charging station identity in the URL' };
    let identity: string;
    try {
      identity = decodeURIComponent(r.rawIdentity);
    } catch {
      return { refuse: 400, reason: 'the identity is not valid percent-encoding' };
    }
    if (this.fault('identity-path-500') && /[/\u0000]/.test(identity)) return { refuse: 500, reason: 'internal server error' };
    if (!this.stations.has(identity)) {
      if (!IDENTIFIER.test(identity) || /^\.+$/.test(identity)) return { refuse: 400, reason: 'not a valid charging station identity' };
      if (!this.fault('unknown-identity-auto-accepted')) return { refuse: 404, reason: 'unknown charging station' };
      this.log(`auto-registering unknown station ${identity}`);
      this.stations.set(identity, this.newStation('Accepted', identity));
    }
    if (this.fault('duplicate-identity-takeover')) {
      // "Without any check": the live session is given away before credentials are even looked at.
      const existing = this.sessions.get(identity);
      if (existing && !existing.rpc.closed && existing.rpc.ws.readyState === WebSocket.OPEN) {
        this.log(`${identity}: a new connection replaces the open session (before any credential check)`);
        existing.rpc.close(1000);
      }
    }
    const security = this.checkSecurity(identity, this.stations.get(identity)!, r);
    if (security) return security;
    const ours = subprotocolOf(this.o.version);
    if (!r.offered.includes(ours)) return { identity, subprotocol: null, keepWithoutSubprotocol: this.fault('subprotocol-missing-accepted') };
    const duplicate = await this.duplicatePolicy(identity);
    return duplicate ?? { identity, subprotocol: ours };
  }

  /** The duplicate-identity policy; undefined admits the new connection. */
  private async duplicatePolicy(identity: string): Promise<Admission | undefined> {
    const existing = this.sessions.get(identity);
    if (!existing || existing.rpc.closed || existing.rpc.ws.readyState !== WebSocket.OPEN) return undefined;
    if (this.fault('duplicate-identity-takeover')) {
      this.log(`${identity}: a new connection replaces the open session`);
      existing.rpc.close(1000);
      return undefined;
    }
    if (this.fault('duplicate-identity-shadow') || this.fault('clone-hijacks-commands')) return undefined;
    if (!this.fault('ghost-session-blocks-reconnect') && !(await this.answersPing(existing))) {
      this.log(`${identity}: the open session did not answer a ping; dropped for the new connection`);
      existing.rpc.ws.terminate();
      return undefined;
    }
    this.log(`${identity}: already connected; new connection refused`);
    return { refuse: 409, reason: 'this charging station is already connected' };
  }

  /** Pings a session; true when it answers within the liveness window. */
  private answersPing(s: StationSession): Promise<boolean> {
    const ws = s.rpc.ws;
    const windowMs = Math.max(100, Math.min(1000, this.o.config.timeouts.messageMs / 2));
    return new Promise((resolve) => {
      let done = false;
      const finish = (alive: boolean) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        clearTimeout(timer);
        ws.off('pong', onPong);
        ws.off('close', onClose);
        resolve(alive);
      };
      const onPong = () => finish(true);
      const onClose = () => finish(false);
      ws.on('pong', onPong);
      ws.on('close', onClose);
      // A session whose close handshake started (close frame received) is no longer alive.
      const poll = setInterval(() => ws.readyState !== WebSocket.OPEN && finish(false), 10);
      const timer = setTimeout(() => finish(false), windowMs);
      try {
        ws.ping();
      } catch {
        finish(false);
      }
    });
  }

  private onStation(ws: WebSocket, identity: string): void {
    const o = this.o;
    const session: StationSession = { identity, rpc: undefined as unknown as RpcPeer, handlers: new Map(), outstanding: [] };
    const frameFaults = [...FRAME_FAULTS].some((f) => this.fault(f));
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
      this.fault('fragment-flood-crash') || this.fault('deflate-bomb-crash')
        ? FrameTap.attach(ws, (f) => {
            if (this.fault('fragment-flood-crash') && f.fragments > FAULT_MAX_FRAGMENTS) this.crash(`a message of more than ${FAULT_MAX_FRAGMENTS} fragments`);
          })
        : undefined;
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && this.fault('oversized-message-crash')) this.crash('a message above the size limit');
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && this.fault('deflate-bomb-crash') && tap?.compressed) this.crash('a compressed message inflating beyond the size limit');
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    if (frameFaults) {
      rpc.intercept(
        frameFaultInterceptor(rpc, {
          fault: (n) => this.fault(n),
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
    if (previous && !previous.rpc.closed && (this.fault('duplicate-identity-shadow') || this.fault('clone-hijacks-commands'))) {
      // Shadowing faults: both sessions stay open; commands go to the first or the newest.
      if (this.fault('clone-hijacks-commands')) this.sessions.set(identity, session);
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

  /** Simulated crash: every connection closed, new ones refused until stop(). */
  crash(reason: string): void {
    if (this.listener.crashed) return;
    this.log(`CRASH: ${reason}`);
    this.listener.crash();
    for (const s of this.allSessions) s.rpc.ws.terminate();
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
      st = this.newStation('Rejected', identity);
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
    const handle = (action: string, fn: Handler) => {
      s.handlers.set(action, fn);
      s.rpc.handle(action, fn);
    };
    const guard = (action: string, fn: (p: Payload) => Payload | typeof NO_REPLY) => {
      handle(action, (p) => {
        const gated = !st.accepted && !(st.lastBoot === 'Rejected' && this.fault('accepts-calls-after-rejected-boot'));
        if (gated) throw new RpcError('SecurityError', `${action} before the BootNotification was accepted`);
        return fn(p);
      });
    };

    handle('BootNotification', (): Payload => {
      const status = st.policy;
      st.accepted = status === 'Accepted';
      st.lastBoot = status;
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

    guard('TransactionEvent', (p) => this.onTransactionEvent(s.identity, st, p));

    guard('MeterValues', (p) => {
      const sampled = ((p.meterValue ?? []) as Payload[]).reduce((n, m) => n + ((m.sampledValue as unknown[] | undefined)?.length ?? 0), 0);
      if (sampled > FAULT_MAX_SAMPLED_VALUES && this.o.faults.has('large-metervalues-crash')) {
        this.crash(`a MeterValues request with ${sampled} sampled values`);
        return NO_REPLY;
      }
      if (this.fault('metervalues-evse0-rejected') && p.evseId === 0) throw new RpcError('PropertyConstraintViolation', 'unknown EVSE 0');
      return {};
    });

    guard('NotifyEvent', () => ({}));
    guard('NotifyReport', (p) => {
      if (this.fault('notifyreport-tbc-error') && p.tbc === true) throw new RpcError('InternalError', 'report part could not be stored');
      return {};
    });
    guard('SecurityEventNotification', (p) => {
      const standard = (STANDARD_SECURITY_EVENTS_201 as readonly string[]).includes(p.type);
      if (!standard && this.fault('securityevent-proprietary-rejected')) throw new RpcError('PropertyConstraintViolation', `unknown security event type ${String(p.type).slice(0, 50)}`);
      this.log(`security event ${p.type} from ${s.identity}${p.techInfo ? ` (${String(p.techInfo).length} characters of techInfo)` : ''}`);
      return {};
    });
    guard('SignCertificate', (p) => this.onSignCertificate(s, st, p));
    guard('FirmwareStatusNotification', () => ({}));
    guard('LogStatusNotification', () => ({}));
    guard('NotifyMonitoringReport', () => ({}));
    guard('NotifyCustomerInformation', () => ({}));
    guard('NotifyChargingLimit', () => ({}));
    guard('ClearedChargingLimit', () => ({}));
    guard('ReportChargingProfiles', () => ({}));
    guard('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  }

  /**
   * SignCertificate (A02/A03): the CSMS is the CA. A CSR with a valid self-signature, CN = the
   * station's serial, O = the CSO and a strong key is Accepted and answered shortly after with
   * CertificateSigned (leaf + station CA); anything else is Rejected and nothing is issued.
   */
  private onSignCertificate(s: StationSession, st: StationState, p: Payload): Payload {
    const pki = this.o.pki;
    const type = (p.certificateType as string | undefined) ?? 'ChargingStationCertificate';
    if (!pki) return { status: 'Rejected', statusInfo: { reasonCode: 'NoCA', additionalInfo: 'this CSMS has no CA configured' } };
    if (type !== 'ChargingStationCertificate') return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedType', additionalInfo: `${type} is signed by another CA` } };
    const problems = csrProblems(p.csr, { serial: st.serial, organization: organizationOf(this.o.config), skipSubject: this.fault('csr-subject-unchecked') });
    if (problems.length) {
      this.log(`SignCertificate from ${s.identity} rejected: ${problems.join('; ')}`);
      return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCSR', additionalInfo: problems[0]!.slice(0, 512) } };
    }
    const variant = this.fault('certificate-signed-other-key') ? 'other-key' : this.fault('issued-cert-not-yet-valid') ? 'not-yet-valid' : 'valid';
    const chain = pki.issueForCsr(p.csr as string, variant);
    if (this.fault('old-client-cert-revoked-on-issue')) st.onlyCertificate = new X509Certificate(splitPemChain(chain)[0]!).fingerprint256;
    // The answer goes out first; the signed certificate follows (A02: a separate CertificateSigned).
    setTimeout(() => {
      if (this.stopped || s.rpc.closed) return;
      this.log(`CertificateSigned to ${s.identity}`);
      this.send(s, 'CertificateSigned', { certificateChain: chain, certificateType: type });
    }, 50);
    return { status: 'Accepted' };
  }

  /** The transaction table a station's events are looked up in (its own, unless a fault shares one). */
  private tableFor(st: StationState): Map<string, TxRecord> {
    return this.fault('txevent-cross-station') ? this.sharedTransactions : st.transactions;
  }

  private onTransactionEvent(identity: string, st: StationState, p: Payload): Payload | typeof NO_REPLY {
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

    const table = this.tableFor(st);
    let tx = table.get(id);
    const replayed = tx?.seen.has(seqNo) === true;
    if (replayed && this.fault('replayed-txevent-applied-twice') && p.eventType === 'Started') {
      // The replayed start is processed as a new one: the transaction is opened again.
      table.delete(id);
      tx = undefined;
    }
    if (tx && replayed && !this.fault('replayed-txevent-applied-twice')) {
      // Already processed (a retry or a replay): answered as before, nothing changes.
      this.log(`TransactionEvent ${id} seqNo ${seqNo} was processed before: not applied again`);
    } else {
      if (!tx) {
        tx = { record: ++this.records, transactionId: id, lastSeqNo: seqNo - 1, ended: false, owner: identity, seen: new Set<number>() } as TxRecord;
        table.set(id, tx);
        if (p.eventType !== 'Started') this.log(`TransactionEvent ${p.eventType} for a transaction not seen before: ${id}`);
      }
      if (seqNo !== tx.lastSeqNo + 1) this.log(`TransactionEvent ${id}: seqNo ${seqNo} after ${tx.lastSeqNo} (gap or retransmission)`);
      tx.seen.add(seqNo);
      tx.owner = identity;
      tx.lastSeqNo = Math.max(tx.lastSeqNo, seqNo);
      if (p.evse?.id !== undefined) tx.evseId = p.evse.id;
      if (info.chargingState) tx.chargingState = info.chargingState;
      if (info.remoteStartId !== undefined) tx.remoteStartId = info.remoteStartId;
      if (p.eventType === 'Ended') tx.ended = true;
    }

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
    if (action.action === 'csmsRegisterStation') return this.register(action.params as Payload);
    if (action.action !== 'csmsSend') return { done: false, reason: `the reference CSMS cannot perform "${action.action}"` };
    const params = action.params as Payload;
    const stationId = (params.stationId as string | undefined) ?? this.o.config.stationId;
    if (!this.sessions.get(stationId) || this.sessions.get(stationId)!.rpc.closed) return { done: false, reason: `station "${stationId}" is not connected to the reference CSMS` };
    const st = this.station(stationId);
    if (!st.accepted) return { done: false, reason: `station "${stationId}" has not been accepted by the reference CSMS` };
    const message = params.message as string;
    let payload: Payload;
    const route: { to?: string } = {};
    try {
      const built = this.build(message, params, st, route);
      if (typeof built === 'string') return { done: false, reason: built };
      payload = built;
    } catch (err) {
      return { done: false, reason: `cannot build ${message}: ${(err as Error).message}` };
    }
    // A transaction-scoped command goes to the station the transaction belongs to.
    const session = this.sessions.get(route.to ?? stationId);
    if (!session || session.rpc.closed) return { done: false, reason: `station "${route.to ?? stationId}" is not connected to the reference CSMS` };
    this.send(session, message, payload);
    return { done: true };
  }

  /**
   * Operator action csmsRegisterStation { stationId, bootStatus }: the station becomes known
   * (it may connect) and its BootNotifications get bootStatus (Accepted, Pending or Rejected).
   */
  private register(p: Payload): ActionOutcome {
    const id = p.stationId;
    const status = p.bootStatus ?? 'Accepted';
    if (typeof id !== 'string' || !IDENTIFIER.test(id)) return { done: false, reason: `"${String(id)}" is not a valid charging station identity` };
    if (!['Accepted', 'Pending', 'Rejected'].includes(status)) return { done: false, reason: `bootStatus must be Accepted, Pending or Rejected, not "${String(status)}"` };
    const st = this.stations.get(id);
    if (st) st.policy = status;
    else this.stations.set(id, this.newStation(status, id));
    this.log(`operator registered station ${id} (boot ${status})`);
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
      const tx = this.tableFor(st).get(res.transactionId);
      if (tx) tx.remoteStartId = request.remoteStartId;
    }
    if (action === 'SetVariables') {
      // A01: the new password counts from the station's Accepted on (A01.FR.03); Rejected keeps the old one (A01.FR.04).
      const data = (request.setVariableData ?? []) as Payload[];
      const results = (res.setVariableResult ?? []) as Payload[];
      for (const d of data) {
        if (d.component?.name !== 'SecurityCtrlr' || d.variable?.name !== 'BasicAuthPassword') continue;
        const result = results.find((x) => x.component?.name === 'SecurityCtrlr' && x.variable?.name === 'BasicAuthPassword');
        const status = result?.attributeStatus;
        this.log(`${s.identity} answered the BasicAuthPassword change ${status ?? '(no result)'}`);
        if ((status === 'Accepted' || status === 'RebootRequired') && st.password !== d.attributeValue) {
          if (st.password !== undefined) st.formerPasswords.push(st.password);
          st.password = d.attributeValue;
        }
      }
    }
    if (action === 'SetNetworkProfile' && res.status === 'Accepted') {
      const sp = request.connectionData?.securityProfile as SecurityProfile;
      if (sp > st.profile) {
        st.pendingProfile = sp;
        this.log(`${s.identity} accepted security profile ${sp}; it is accepted on profile ${st.profile} or ${sp} until it uses ${sp}`);
      }
    }
    if (action === 'GetInstalledCertificateIds') {
      if (res.status === 'Accepted') {
        st.reportedCerts = ((res.certificateHashDataChain ?? []) as Payload[]).map((c) => ({ certificateType: c.certificateType, hashData: c.certificateHashData }));
      }
      if (res.status === 'NotFound' && this.fault('getinstalledcerts-notfound-resent') && !request.__resent) this.resend(s, action, request);
    }
    if (action === 'InstallCertificate' && res.status !== 'Accepted' && this.fault('installcert-failed-resent') && !request.__resent) this.resend(s, action, request);
    if (action === 'DeleteCertificate' && res.status === 'Failed' && this.fault('deletecert-failed-resent') && !request.__resent) this.resend(s, action, request);
    if (action === 'DeleteCertificate' && res.status === 'Accepted') {
      st.reportedCerts = st.reportedCerts.filter((c) => !sameHash(c.hashData, request.certificateHashData));
    }
    if (action === 'CertificateSigned') this.log(`${s.identity} answered CertificateSigned ${res.status}`);
  }

  /** Sends a request once more (the *-resent faults); marked so it is not resent again. */
  private resend(s: StationSession, action: string, request: Payload): void {
    const again = { ...request };
    Object.defineProperty(again, '__resent', { value: true, enumerable: false });
    this.send(s, action, again);
  }

  private runningTx(st: StationState, evseId?: number): TxRecord | undefined {
    const open = [...this.tableFor(st).values()].filter((t) => !t.ended && (evseId === undefined || t.evseId === evseId));
    return open[open.length - 1];
  }

  /** Builds a schema-valid request from the operator's choices; a string explains a refusal. */
  private build(message: string, p: Payload, st: StationState, route: { to?: string } = {}): Payload | string {
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
        let list: Payload[] = p.variables ?? [{ component: p.component, variable: p.variable, value: p.value, attributeType: p.attributeType, evseId: p.evseId }];
        // A01: a BasicAuthPassword without a value is a new random password the CSMS chooses.
        list = list.map((v) => (v.component === 'SecurityCtrlr' && v.variable === 'BasicAuthPassword' && v.value === undefined ? { ...v, value: newBasicAuthPassword() } : v));
        if (this.fault('password-switched-before-answer')) {
          const pw = list.find((v) => v.component === 'SecurityCtrlr' && v.variable === 'BasicAuthPassword');
          if (pw && st.password !== undefined) {
            st.formerPasswords.push(st.password);
            st.password = String(pw.value);
          }
        }
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
        const tx = p.transactionId ? this.tableFor(st).get(p.transactionId) : this.runningTx(st, p.evseId);
        if (!tx) return p.transactionId ? { transactionId: p.transactionId } : 'no running transaction is known for that station/EVSE';
        route.to = tx.owner;
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
      case 'InstallCertificate': {
        const pki = this.o.pki;
        if (!pki) return 'the reference CSMS has no PKI to take certificates from';
        const certificateType: string = p.certificateType ?? 'CSMSRootCertificate';
        let artifact = ROOT_ARTIFACTS[certificateType];
        if (!artifact) return `the reference CSMS has no ${certificateType} to install`;
        if (certificateType === 'ManufacturerRootCertificate' && this.fault('installcert-sends-csms-root')) artifact = 'csms-root';
        const sentType = certificateType === 'CSMSRootCertificate' && this.fault('installcert-wrong-type') ? 'ManufacturerRootCertificate' : certificateType;
        return { certificateType: sentType, certificate: pki.artifact(artifact).certPem };
      }
      case 'GetInstalledCertificateIds': {
        const raw = p.certificateType;
        let types: string[] | undefined = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
        if (types?.some((t) => !CERTIFICATE_USES.includes(t))) return `unknown certificate type in ${JSON.stringify(types)}`;
        if (this.fault('getinstalledcerts-type-dropped')) types = undefined;
        else if (types && this.fault('getinstalledcerts-first-type-only')) types = types.slice(0, 1);
        else if (!types && this.fault('getinstalledcerts-default-type')) types = ['CSMSRootCertificate'];
        return types ? { certificateType: types } : {};
      }
      case 'DeleteCertificate': {
        if (p.certificateHashData && typeof p.certificateHashData === 'object') return { certificateHashData: p.certificateHashData };
        const certificateType: string = p.certificateType ?? 'ManufacturerRootCertificate';
        const reported = st.reportedCerts.find((c) => c.certificateType === certificateType);
        const artifact = ROOT_ARTIFACTS[certificateType];
        if (reported && !this.fault('deletecert-hash-sha384')) return { certificateHashData: reported.hashData };
        if (!artifact || !this.o.pki) return `no ${certificateType} is known for station ${st.serial}: ask for GetInstalledCertificateIds first`;
        // Hash data of a root: its issuer is itself (RFC 6960 CertID).
        const pem = this.o.pki.artifact(artifact).certPem;
        const algorithm = this.fault('deletecert-hash-sha384') ? 'SHA384' : (reported?.hashData.hashAlgorithm ?? 'SHA256');
        return { certificateHashData: certificateHashData(pem, pem, algorithm) };
      }
      case 'SetNetworkProfile': {
        const sp = (p.securityProfile as SecurityProfile | undefined) ?? (Math.min(3, st.profile + 1) as SecurityProfile);
        if (sp < st.profile) return `the reference CSMS does not lower a station's security profile (${st.profile} to ${sp})`;
        if (sp >= 2 && !this.tlsMaterial) return 'the reference CSMS has no TLS certificates for profile 2/3';
        const base = this.url.replace(/^wss?:/, sp >= 2 ? 'wss:' : 'ws:');
        return {
          configurationSlot: p.configurationSlot ?? 1,
          connectionData: {
            ocppVersion: 'OCPP20',
            ocppTransport: 'JSON',
            ocppCsmsUrl: base,
            messageTimeout: Math.max(1, Math.ceil(this.o.config.timeouts.messageMs / 1000)),
            securityProfile: sp,
            ocppInterface: 'Wired0',
          },
        };
      }
      case 'TriggerMessage': {
        const target = this.fault('trigger-evse-dropped') ? undefined : evse(p.evseId, p.connectorId);
        return defined({ requestedMessage: p.requestedMessage, evse: target });
      }
      case 'UnlockConnector': {
        return { evseId: this.fault('unlock-evse-zero') ? 0 : p.evseId, connectorId: p.connectorId };
      }
      case 'UpdateFirmware': {
        return { requestId: ++this.fileRequestIds, firmware: { location: this.firmwareLocation(), retrieveDateTime: this.now() } };
      }
      case 'PublishFirmware': {
        const location = this.firmwareLocation();
        // checksum: the MD5 of the image; the reference CSMS has no image, so it digests its name.
        return { location, checksum: createHash('md5').update(FIRMWARE_IMAGE).digest('hex'), requestId: ++this.fileRequestIds };
      }
      case 'GetLog': {
        const requestId = ++this.fileRequestIds;
        const remoteLocation = `https://${LOG_HOST}/upload/${encodeURIComponent(String(p.stationId ?? this.o.config.stationId))}/${requestId}`;
        return { logType: p.logType === 'SecurityLog' ? 'SecurityLog' : 'DiagnosticsLog', requestId, log: { remoteLocation } };
      }
      default:
        return `the reference CSMS cannot send "${message}"`;
    }
  }

  /** Where stations download firmware from (https; user:password@ only under its fault). */
  private firmwareLocation(): string {
    const account = this.fault('firmware-url-embeds-credentials') ? `${FIRMWARE_REPO_USER}:${FIRMWARE_REPO_PASSWORD}@` : '';
    return `https://${account}${FIRMWARE_HOST}/ocpp201/${FIRMWARE_IMAGE}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.allSessions) s.rpc.close();
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

function sameHash(a: Payload | undefined, b: Payload | undefined): boolean {
  if (!a || !b) return false;
  const n = (v: unknown) => String(v ?? '').toLowerCase().replace(/^0+(?=.)/, '');
  return a.hashAlgorithm === b.hashAlgorithm && n(a.issuerNameHash) === n(b.issuerNameHash) && n(a.issuerKeyHash) === n(b.issuerKeyHash) && n(a.serialNumber) === n(b.serialNumber);
}
