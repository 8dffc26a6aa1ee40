import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { organizationOf, stationSerialOf } from '../../../core/config.js';
import { subprotocolOf, type OcppVersion } from '../../../core/versions.js';
import type { CsmsPeerOptions } from '../../../engine/peer-contract.js';
import { inspectCertificate } from '../../../pki/inspect.js';
import { derToPem } from '../../../pki/der.js';
import { DualListener, type TlsChoice } from '../../../transport/dual-listener.js';
import { describeServerSocket, OCPP_CIPHERS, tlsNote, type TlsSessionInfo } from '../../../transport/tls.js';
import type { ActiveFaults } from '../../faults.js';
import type { Csms16Fault } from './faults.js';

/** The path prefix the 1.6 reference central system serves; the identity is the one segment after it. */
export const BASE_PATH = '/ocpp/';
/** Longest identity accepted (the identifierString length OCPP uses for the connection URL). */
export const MAX_IDENTITY_LENGTH = 48;

export interface Listener16Options {
  host: string;
  port: number;
  version: OcppVersion;
  /** Fault cs-500-on-bad-percent-encoding: an identity that is not valid percent-encoding gets HTTP 500. */
  serverErrorOnBadEncoding?: boolean;
  /** Fault cs-selects-unoffered-subprotocol: the 101 answer names ocpp1.6 whatever the charge point offered. */
  selectUnofferedSubprotocol?: boolean;
  log?: (line: string) => void;
  /**
   * TLS for wss:// on the same port, chosen per connection (undefined: this listener serves
   * plain ws:// only). The central system asks for a client certificate and judges it itself.
   */
  tlsFor?: () => TlsChoice | undefined;
  /** Whether the URL it reports is wss:// (the configured profile is 2 or 3). */
  secureUrl: boolean;
}

/** What the central system gets to judge a handshake's credentials (after the identity checks). */
export interface HandshakeCredentials {
  identity: string;
  /** The TLS session (wss://) with the client certificate; undefined for ws://. */
  tls?: TlsSessionInfo & { clientCertIsCa?: boolean };
  /** The Basic-auth user and password, when an Authorization: Basic header was sent. */
  basic?: { user: string; password: string };
  /** The raw Authorization header was present (even if not Basic). */
  authorizationHeader: boolean;
}

/** Why a handshake is refused (HTTP status and a log line), or undefined to admit it. */
export type HandshakeRefusal = { status: number; why: string; challenge?: boolean } | undefined;

export interface Listener16Events {
  /** Every upgrade request that names a well-formed identity, before any other check. */
  onAttempt?(identity: string): void;
  /** Judges the credentials and the security profile of a handshake. */
  admit(c: HandshakeCredentials): HandshakeRefusal;
  /** A charge point connected with the ocpp1.6 subprotocol and passed every check. */
  onSession(ws: WebSocket, identity: string, c: HandshakeCredentials): void;
  /** A plain HTTP request (not an upgrade); return true when it was answered. */
  onHttp?(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

/** Why an identity taken from the URL is unusable, or undefined when it is fine. */
export function identityProblem(identity: string): string | undefined {
  if (identity.length === 0) return 'empty identity';
  if (identity.length > MAX_IDENTITY_LENGTH) return `identity longer than ${MAX_IDENTITY_LENGTH} characters`;
  if (identity === '.' || identity === '..') return 'dot segment as identity';
  // Control characters, space, DEL, path separators and the colon (the Basic-auth user separator).
  if (/[\u0000-\u0020\u007f-\u009f/\\:]/.test(identity)) return 'identity contains a control character, space, slash, backslash or colon';
  if (/[\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/.test(identity)) return 'identity contains a bidi control, BOM or replacement character';
  return undefined;
}

/**
 * The WebSocket listener of the 1.6 reference central system (OCPP-J 1.6 section 3, Security
 * Whitepaper security profiles). One port serves ws:// and wss:// (DualListener), so a charge point
 * moved to a higher profile reconnects to the same URL and a lower profile can be refused there.
 *
 * - The URL is BASE_PATH + one percent-encoded segment: the charge point identity. A missing,
 *   extra or malformed segment is refused before the upgrade (404 / 400); so is an identity that
 *   cannot be a charge point id (see identityProblem). A well-formed identity that the central
 *   system does not know is let through: it is refused at BootNotification (Rejected).
 * - Credentials (Basic auth, TLS client certificate, the profile used) are judged by the central
 *   system through admit(), before the upgrade (401 with a challenge when refused).
 * - When ocpp1.6 is offered it is selected. Otherwise the handshake completes without a
 *   Sec-WebSocket-Protocol header and the connection is closed at once (section 3.2).
 */
export class Listener16 {
  private readonly listener: DualListener;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Duplex>();

  constructor(
    private readonly o: Listener16Options,
    private readonly events: Listener16Events,
  ) {
    this.listener = new DualListener({ monotonic: () => performance.now(), tlsFor: () => o.tlsFor?.() });
    this.server = this.listener.http;
    this.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (this.events.onHttp?.(req, res)) return;
      res.writeHead(426, { 'content-type': 'text/plain' });
      res.end('OCPP-J: WebSocket upgrade required\n');
    });
    const ours = subprotocolOf(o.version);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: 4 * 1024 * 1024,
      handleProtocols: (set) => (set.has(ours) || o.selectUnofferedSubprotocol ? ours : false),
    });
    this.server.on('connection', (s: Duplex) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  private refuse(socket: Duplex, status: number, text: string, why: string, extra = ''): void {
    this.o.log?.(`handshake refused with HTTP ${status}: ${why}`);
    // end(), not destroy(): a request body still unread would make the kernel reset the connection
    // and the client could lose the answer (TLS makes that likely for long requests).
    socket.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  private credentials(req: http.IncomingMessage, identity: string): HandshakeCredentials {
    const socket = req.socket as TLSSocket;
    let tls: HandshakeCredentials['tls'];
    if (socket.encrypted) {
      tls = describeServerSocket(socket, true);
      const peer = socket.getPeerCertificate();
      if (peer?.raw) {
        try {
          // basicConstraints cA, whatever the key usage says (X509Certificate.ca also wants keyCertSign).
          tls.clientCertIsCa = inspectCertificate(derToPem(peer.raw, 'CERTIFICATE')).isCA;
        } catch {
          tls.clientCertIsCa = false;
        }
      }
    }
    const header = req.headers.authorization;
    const m = /^Basic\s+(.+)$/i.exec(String(header ?? ''));
    let basic: HandshakeCredentials['basic'];
    if (m) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      basic = colon >= 0 ? { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : { user: decoded, password: '' };
    }
    return { identity, tls, basic, authorizationHeader: header !== undefined };
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith(BASE_PATH)) return this.refuse(socket, 404, 'Not Found', `path ${JSON.stringify(path)} is not under ${BASE_PATH}`);
    const segment = path.slice(BASE_PATH.length);
    if (segment === '' || segment.includes('/'))
      return this.refuse(socket, 404, 'Not Found', 'the path does not end in exactly one identity segment');
    let identity: string;
    try {
      identity = decodeURIComponent(segment);
    } catch {
      if (this.o.serverErrorOnBadEncoding) return this.refuse(socket, 500, 'Internal Server Error', 'fault: identity decoding threw');
      return this.refuse(socket, 400, 'Bad Request', 'the identity is not valid percent-encoded UTF-8');
    }
    const problem = identityProblem(identity);
    if (problem) return this.refuse(socket, 400, 'Bad Request', problem);
    this.events.onAttempt?.(identity);
    const creds = this.credentials(req, identity);
    const refusal = this.events.admit(creds);
    if (refusal) {
      const why = creds.tls ? `${refusal.why} (${tlsNote(creds.tls)})` : refusal.why;
      return this.refuse(
        socket,
        refusal.status,
        refusal.status === 401 ? 'Unauthorized' : 'Forbidden',
        why,
        refusal.challenge ? 'WWW-Authenticate: Basic realm="OCPP"\r\n' : '',
      );
    }
    const ours = subprotocolOf(this.o.version);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (ws.protocol !== ours) {
        // Section 3.2: complete the handshake without a subprotocol, then close at once.
        this.o.log?.(`${identity} offered no supported subprotocol; closing`);
        ws.close(1002, 'no supported OCPP subprotocol');
        setTimeout(() => ws.terminate(), 1000).unref();
        return;
      }
      this.events.onSession(ws, identity, creds);
    });
  }

  get port(): number {
    return this.listener.port;
  }

  async listen(): Promise<string> {
    const port = await this.listener.listen(this.o.port, this.o.host);
    return `${this.o.secureUrl ? 'wss' : 'ws'}://${this.o.host}:${port}${BASE_PATH.replace(/\/$/, '')}`;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await this.listener.close();
  }
}

export type Profile = 0 | 1 | 2 | 3;

/**
 * The handshake credentials the 1.6 reference central system expects, per charge point: the
 * security profile, the Basic-auth password (rotated by AuthorizationKey, A01) and the TLS it
 * serves. The security-profiles block changes them when a charge point accepts a change.
 *
 * Policies:
 * - Each identity has one active profile (the configured one, raised by an accepted
 *   ChangeConfiguration SecurityProfile); a connection with any other profile is refused with
 *   401 (A00.FR.002, A05.FR.09). While a change is outstanding the announced value is accepted too.
 * - Profile 1/2: Authorization: Basic with user = identity and the current password (not checked
 *   when the central system was started without one). A new
 *   AuthorizationKey is accepted from the moment it is sent; once the charge point answers
 *   Accepted the old one is refused (A01.FR.03), on any other answer the new one is dropped.
 * - Profile 3: a client certificate that verifies against the station CA / CSMS root, is not a
 *   CA, and (for the configured charge point) has CN = its serial number and O = the CSO name.
 * - TLS: 1.2 or above, the four OCPP suites (plus TLS 1.3), RSA and ECDSA certificates.
 */
export class Credentials16 {
  readonly profiles = new Map<string, Profile>();
  readonly pendingProfiles = new Map<string, Profile>();
  readonly passwords = new Map<string, string>();
  readonly pendingPasswords = new Map<string, string>();
  readonly retiredPasswords = new Map<string, string[]>();

  constructor(
    private readonly o: CsmsPeerOptions,
    private readonly faults: ActiveFaults<Csms16Fault>,
  ) {}

  /** The profile the run configured (2/3 with TLS material, 1 with a password, else 0). */
  get configuredProfile(): Profile {
    return this.o.tls ? this.o.tls.profile : this.o.basicAuthPassword !== undefined ? 1 : 0;
  }

  profileOf(identity: string): Profile {
    return this.profiles.get(identity) ?? this.configuredProfile;
  }

  passwordOf(identity: string): string | undefined {
    return this.passwords.get(identity) ?? this.o.basicAuthPassword;
  }

  /** Server certificates (RSA and ECDSA) and client-certificate trust, from the TLS material or the PKI. */
  tlsChoice(): TlsChoice | undefined {
    const m = this.o.tls;
    let certs: string[];
    let keys: string[];
    let trust: string[];
    if (m) {
      certs = m.serverCerts;
      keys = m.serverKeys;
      trust = [m.stationCa, m.csmsRoot];
    } else if (this.o.pki) {
      const rsa = this.o.pki.artifact('csms-server-rsa');
      const ec = this.o.pki.artifact('csms-server-ecdsa');
      certs = [rsa.chainPem, ec.chainPem];
      keys = [rsa.keyPem, ec.keyPem];
      trust = this.o.pki.clientTrust;
    } else return undefined;
    const legacy = this.faults.has('tls-accepts-legacy-versions');
    return {
      requestCert: true,
      options: {
        key: keys,
        cert: certs,
        minVersion: legacy ? 'TLSv1' : 'TLSv1.2',
        ciphers: legacy ? `${OCPP_CIPHERS}:AES128-SHA:AES256-SHA:@SECLEVEL=0` : OCPP_CIPHERS,
        honorCipherOrder: true,
        ca: trust,
      },
    };
  }

  /** Judges a handshake: the profile it uses and its credentials (see the class comment). */
  admit(c: HandshakeCredentials): HandshakeRefusal {
    const active = this.profileOf(c.identity);
    const pending = this.pendingProfiles.get(c.identity);
    const allowed = new Set<Profile>([active]);
    if (pending !== undefined) allowed.add(pending);
    if (this.faults.has('accepts-lower-profile-after-upgrade') && active > this.configuredProfile)
      for (let p = this.configuredProfile; p < active; p++) allowed.add(p as Profile);
    const problems: string[] = [];
    for (const p of allowed) {
      const problem = this.problemAtProfile(p, c);
      if (!problem) return undefined;
      problems.push(problem);
    }
    return { status: 401, why: problems.join('; '), challenge: [...allowed].some((p) => p === 1 || p === 2) };
  }

  private problemAtProfile(p: Profile, c: HandshakeCredentials): string | undefined {
    if (p === 0) return c.tls ? "profile 0: wss:// is not this charge point's profile" : undefined;
    if (p === 1 && c.tls) return 'profile 1: the charge point must connect with ws://, not wss://';
    if (p >= 2 && !c.tls) return `profile ${p}: the charge point must connect with wss://, not ws://`;
    if (p === 1 || p === 2) return this.basicProblem(c);
    const cert = c.tls?.clientCert;
    if (!cert) return 'profile 3: no client certificate';
    if (!cert.authorized) return `profile 3: the client certificate does not verify (${cert.authorizationError})`;
    if (c.tls?.clientCertIsCa) return 'profile 3: the client certificate is a CA certificate';
    const org = organizationOf(this.o.config);
    if (cert.subjectO !== org)
      return `profile 3: client certificate O = ${JSON.stringify(cert.subjectO ?? null)}, not the CSO ${JSON.stringify(org)}`;
    if (c.identity === this.o.config.stationId && !this.faults.has('client-cert-cn-not-checked')) {
      const serial = stationSerialOf(this.o.config);
      if (cert.subjectCN !== serial)
        return `profile 3: client certificate CN = ${JSON.stringify(cert.subjectCN ?? null)}, not the charge point's serial number ${JSON.stringify(serial)}`;
    }
    return undefined;
  }

  private basicProblem(c: HandshakeCredentials): string | undefined {
    if (!c.basic) return c.authorizationHeader ? 'Authorization is not Basic' : 'no Basic credentials';
    if (c.basic.user !== c.identity && !this.faults.has('basic-auth-user-not-checked'))
      return 'the Basic-auth user is not the charge point identity';
    const valid = [this.passwordOf(c.identity), this.pendingPasswords.get(c.identity)];
    // Started without a password (a caller that configures none): there is nothing to check against.
    if (valid.every((v) => v === undefined)) return undefined;
    if (this.faults.has('old-authorization-key-accepted')) valid.push(...(this.retiredPasswords.get(c.identity) ?? []));
    // The password is never logged; only whether it matched.
    return valid.some((v) => v !== undefined && v === c.basic!.password) ? undefined : 'wrong Basic credentials';
  }
}
