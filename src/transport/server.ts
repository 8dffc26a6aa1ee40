import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { SecureVersion, TLSSocket } from 'node:tls';
import { OCPP_CIPHERS, describeServerSocket, tlsNote, type TlsMaterial, type TlsSessionInfo } from './tls.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { subprotocolOf, type OcppVersion } from '../core/versions.js';
import type { SecurityProfile } from '../core/meta.js';
import { OcppConnection, type WireRecorder } from './connection.js';
import { DualListener, type ConnectionAttempt, type TlsChoice } from './dual-listener.js';
import { maxFrameBytes } from './limits.js';

export interface CsmsServerOptions {
  host: string;
  port: number;
  /** The version to negotiate; its subprotocol is selected when the station offers it. */
  version: OcppVersion;
  /** Only this identity may connect (routing by URL path); other identities get 404. */
  identity: string;
  /** The security profile stations must connect with (A00.FR.002); default 1 with a password, else 0. */
  profile?: SecurityProfile;
  /** Security profile 1/2: the password the station must present with HTTP Basic auth. */
  basicAuthPassword?: string;
  /**
   * Certificates for TLS (profiles 2/3). Without them the listener refuses TLS. The listener
   * serves ws:// and wss:// on one port so profile changes can be observed on the same URL.
   */
  tls?: TlsMaterial;
  monotonic: () => number;
  /** The largest message accepted (default: the run's limit); a larger one closes with 1009. */
  maxPayload?: number;
}

/** How the mock CSMS's TLS answers the next connections (a case's deliberate misconfiguration). */
export interface TlsServerPolicy {
  /** Present these chains (leaf first) and keys instead of the CSMS server certificates. */
  certificates?: { chainPem: string; keyPem: string }[];
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher list for TLS 1.2 and below; weak suites are allowed (security level 0). */
  ciphers?: string;
  /** CA certificates a client certificate must chain to (default: station CA and CSMS root). */
  clientTrust?: string[];
}

/**
 * How the mock CSMS answers the next upgrades, set by a case (e.g. answer with a subprotocol
 * the station did not offer, or refuse every connection). Undefined fields mean: as configured.
 */
export interface HandshakePolicy {
  /** Subprotocol to put in the 101 answer: a string (even one not offered) or null for none. */
  subprotocol?: string | null;
  /** Refuse upgrades with this HTTP status. */
  rejectStatus?: number;
  /** Security profiles accepted (A00.FR.002); default: the configured one. */
  acceptProfiles?: SecurityProfile[];
  /** The Basic-auth password accepted (a case rotating the password, A01). */
  basicAuthPassword?: string;
  tls?: TlsServerPolicy;
}

export interface HandshakeInfo {
  identity: string;
  path: string;
  offered: string[];
  selected: string;
  remote: string;
  authUser?: string;
  /** The security profile the connection used: TLS or not, client certificate or Basic auth. */
  profile: SecurityProfile;
  /** Profile 2/3: negotiated protocol and cipher, and the client certificate (profile 3). */
  tls?: TlsSessionInfo;
}

export type { ConnectionAttempt };

/**
 * Which form of the expected password the station sent, or undefined for none. A 1.6
 * AuthorizationKey is hex-encoded in ChangeConfiguration and the whitepaper leaves open whether
 * the station uses the hex text or the bytes it encodes as the Basic password: both are accepted.
 */
export function passwordForm(given: Buffer, expected: string, version: OcppVersion): 'text' | 'decoded' | undefined {
  if (given.equals(Buffer.from(expected, 'utf8'))) return 'text';
  if (version === '1.6' && /^(?:[0-9a-fA-F]{2})+$/.test(expected) && given.equals(Buffer.from(expected, 'hex'))) return 'decoded';
  return undefined;
}

/** A station that connected with another security profile than the listener is configured for (not one a case asked for). */
export interface ProfileMismatch {
  configured: SecurityProfile;
  seen: SecurityProfile;
  /** What happened and how to fix the configuration, for the log and the inconclusive verdict. */
  text: string;
}

/** What to change so the station and the mock CSMS agree on the profile. */
function mismatchFix(configured: SecurityProfile, seen: SecurityProfile): string {
  const either = `set security.profile to ${seen} in the SUT config (the profile the station uses), or configure the station for profile ${configured}`;
  if (seen === 1 && configured === 0) return `${either}: it sends HTTP Basic credentials, which profile 0 does not use`;
  if (seen === 0 && (configured === 1 || configured === 2)) return `${either}: it sends no HTTP Basic credentials`;
  if (seen <= 1 && configured >= 2) return `${either}: it dials ws:// where wss:// (TLS) is configured`;
  if (seen >= 2 && configured <= 1) return `${either}: it dials wss:// (TLS) where ws:// is configured`;
  return either;
}

function describeAttempt(a: ConnectionAttempt): string {
  const hello = a.clientHello
    ? `; offered ${a.clientHello.versions.join('/')} with ${a.clientHello.suites.length} suites${a.clientHello.compression.some((c) => c !== 0) ? `, compression [${a.clientHello.compression.join(', ')}]` : ''}${a.clientHello.sni ? `, SNI ${a.clientHello.sni}` : ''}`
    : '';
  if (a.outcome === 'plain') return `tcp#${a.index} from ${a.remote}: plain (no TLS)`;
  if (a.outcome === 'secure')
    return `tcp#${a.index} from ${a.remote}: TLS handshake completed${hello}; ${a.session ? tlsNote(a.session) : ''}`;
  return `tcp#${a.index} from ${a.remote}: TLS handshake failed (${a.error})${hello}`;
}

/**
 * The mock CSMS's listener. It checks what the spec makes the CSMS check at the handshake
 * (identity in the path, subprotocol, security profile, Basic auth), records every decision and
 * every TLS attempt, and hands accepted connections to a listener. It never answers OCPP
 * messages itself.
 */
export class CsmsServer {
  private readonly listener: DualListener;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private connectionListener: ((c: OcppConnection, h: HandshakeInfo) => void) | undefined;
  private attemptListener: ((a: ConnectionAttempt) => void) | undefined;
  private readonly mismatchListeners = new Set<(m: ProfileMismatch) => void>();
  private counter = 0;
  /** Notes about handshakes, for whichever case is attached. */
  recorder: WireRecorder | undefined;
  /** Set by the attached case; reset when a case detaches. */
  policy: HandshakePolicy = {};
  /** Every TCP connection so far (TLS or plain), oldest first. */
  readonly attempts: ConnectionAttempt[] = [];

  constructor(private readonly opts: CsmsServerOptions) {
    this.listener = new DualListener({
      monotonic: opts.monotonic,
      tlsFor: () => this.tlsChoice(),
      onAttempt: (a) => {
        this.attempts.push(a);
        if (this.attempts.length > 1000) this.attempts.shift();
        this.recorder?.note('connection', describeAttempt(a));
        this.attemptListener?.(a);
      },
    });
    this.server = this.listener.http;
    this.server.on('request', (_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' });
      res.end('OCPP-J: WebSocket upgrade required\n');
    });
    const wanted = subprotocolOf(opts.version);
    // Select our version's subprotocol when offered, none otherwise (cases judge the absence).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.maxPayload ?? maxFrameBytes(),
      handleProtocols: (set) => {
        if (this.policy.subprotocol !== undefined) return this.policy.subprotocol ?? false;
        return set.has(wanted) ? wanted : false;
      },
    });
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  /** The profile connections must use unless a case says otherwise. */
  get profile(): SecurityProfile {
    return this.opts.profile ?? (this.opts.tls ? this.opts.tls.profile : this.opts.basicAuthPassword !== undefined ? 1 : 0);
  }

  get acceptedProfiles(): SecurityProfile[] {
    return this.policy.acceptProfiles ?? [this.profile];
  }

  private tlsChoice(): TlsChoice | undefined {
    const m = this.opts.tls;
    const p = this.policy.tls ?? {};
    if (!m && !p.certificates) return undefined;
    const certs = p.certificates ?? (m ? m.serverCerts.map((chainPem, i) => ({ chainPem, keyPem: m.serverKeys[i]! })) : []);
    const requestCert = this.acceptedProfiles.includes(3);
    const weak = p.ciphers !== undefined || (p.minVersion !== undefined && p.minVersion !== 'TLSv1.2' && p.minVersion !== 'TLSv1.3');
    return {
      requestCert,
      options: {
        key: certs.map((c) => c.keyPem),
        cert: certs.map((c) => c.chainPem),
        minVersion: p.minVersion ?? 'TLSv1.2',
        ...(p.maxVersion ? { maxVersion: p.maxVersion } : {}),
        // Security level 0 lets a case serve what OpenSSL would otherwise refuse (old TLS, weak suites, SHA-1, 1024-bit keys).
        // Below TLS 1.2 the OCPP (GCM) suites do not exist: offer CBC ones so the version is what fails.
        ciphers:
          p.ciphers !== undefined
            ? `${p.ciphers}:@SECLEVEL=0`
            : p.maxVersion === 'TLSv1' || p.maxVersion === 'TLSv1.1'
              ? 'DEFAULT:@SECLEVEL=0'
              : weak || p.certificates
                ? `${OCPP_CIPHERS}:@SECLEVEL=0`
                : OCPP_CIPHERS,
        ...(requestCert ? { ca: p.clientTrust ?? (m ? [m.stationCa, m.csmsRoot] : []) } : {}),
      },
    };
  }

  onConnection(listener: (c: OcppConnection, h: HandshakeInfo) => void): void {
    this.connectionListener = listener;
  }

  /** Called for every TCP connection (TLS or plain), after its handshake outcome is known. */
  onAttempt(listener: (a: ConnectionAttempt) => void): void {
    this.attemptListener = listener;
  }

  /** Called when a station is refused for using another profile than the configured one (no case changed the accepted profiles). */
  onProfileMismatch(listener: (m: ProfileMismatch) => void): () => void {
    this.mismatchListeners.add(listener);
    return () => this.mismatchListeners.delete(listener);
  }

  /** A refusal for the wrong profile: an observation naming the fix when the profile is the configured one (a case's own policy is its business). */
  private profileRefused(seen: SecurityProfile): void {
    if (this.policy.acceptProfiles !== undefined) return;
    const configured = this.profile;
    const m: ProfileMismatch = {
      configured,
      seen,
      text: `security profile mismatch: the station connected with profile ${seen}, the mock CSMS is configured for profile ${configured}; fix: ${mismatchFix(configured, seen)}`,
    };
    this.recorder?.note('observation', m.text);
    for (const l of this.mismatchListeners) l(m);
  }

  async listen(): Promise<number> {
    return this.listener.listen(this.opts.port, this.opts.host);
  }

  get port(): number {
    return this.listener.port;
  }

  /** The URL for the configured profile (wss:// for 2/3). */
  url(secure = this.profile >= 2): string {
    const host = this.opts.host === '0.0.0.0' || this.opts.host === '::' ? '127.0.0.1' : this.opts.host;
    return `${secure ? 'wss' : 'ws'}://${host}:${this.port}/ocpp`;
  }

  private reject(socket: Duplex, status: number, text: string, why: string): void {
    this.recorder?.note('connection', `handshake refused with HTTP ${status}: ${why}`);
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    const segments = path.split('/').filter(Boolean);
    let identity = '';
    try {
      identity = decodeURIComponent(segments[segments.length - 1] ?? '');
    } catch {
      return this.reject(socket, 400, 'Bad Request', `path ${JSON.stringify(path)} is not valid percent-encoding`);
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    if (this.policy.rejectStatus)
      return this.reject(socket, this.policy.rejectStatus, 'Refused', 'the case asked the mock CSMS to refuse connections');
    if (identity !== this.opts.identity) {
      return this.reject(
        socket,
        404,
        'Not Found',
        `unknown station identity ${JSON.stringify(identity)} (expected ${JSON.stringify(this.opts.identity)})`,
      );
    }
    let tlsInfo: TlsSessionInfo | undefined;
    const accepted = this.acceptedProfiles;
    const hasAuth = req.headers.authorization !== undefined;
    let profile: SecurityProfile;
    if ((req.socket as TLSSocket).encrypted) {
      tlsInfo = describeServerSocket(req.socket as TLSSocket, accepted.includes(3));
      const cc = tlsInfo.clientCert;
      profile = cc?.authorized && (accepted.includes(3) || !hasAuth) ? 3 : 2;
      if (accepted.includes(3) && !accepted.includes(2) && !cc?.authorized) {
        this.reject(socket, 401, 'Unauthorized', `${tlsNote(tlsInfo)}; a verified station certificate is required (security profile 3)`);
        // No certificate at all is a profile-2 dial; a certificate that does not verify is the station's own problem.
        return cc?.pem ? undefined : this.profileRefused(2);
      }
    } else {
      profile = hasAuth ? 1 : 0;
    }
    if (profile === 0 && accepted.includes(1)) {
      this.reject(socket, 401, 'Unauthorized', 'no HTTP Basic Authorization header');
      return this.profileRefused(0);
    }
    if (!accepted.includes(profile)) {
      this.reject(
        socket,
        401,
        'Unauthorized',
        `the station connected with security profile ${profile} (${tlsInfo ? tlsNote(tlsInfo) : 'no TLS'}${hasAuth ? ', Basic auth' : ''}); this CSMS accepts profile ${accepted.join(' or ')} only`,
      );
      return this.profileRefused(profile);
    }
    let authUser: string | undefined;
    const password = this.policy.basicAuthPassword ?? this.opts.basicAuthPassword;
    if ((profile === 1 || profile === 2) && password !== undefined) {
      const header = String(req.headers.authorization ?? '');
      const m = /^Basic\s+(.+)$/i.exec(header);
      if (!m) return this.reject(socket, 401, 'Unauthorized', 'no HTTP Basic Authorization header');
      // Bytes, not text: a 1.6 station may send the AuthorizationKey's decoded bytes, which need not be UTF-8.
      const decoded = Buffer.from(m[1], 'base64');
      const colon = decoded.indexOf(0x3a);
      authUser = (colon >= 0 ? decoded.subarray(0, colon) : decoded).toString('utf8');
      const given = colon >= 0 ? decoded.subarray(colon + 1) : Buffer.alloc(0);
      // The password itself is never recorded; only whether it matched.
      if (authUser !== identity)
        return this.reject(socket, 401, 'Unauthorized', `Basic auth user ${JSON.stringify(authUser)} is not the station identity`);
      const form = passwordForm(given, password, this.opts.version);
      if (!form) return this.reject(socket, 401, 'Unauthorized', 'Basic auth password does not match');
      if (form === 'decoded')
        this.recorder?.note(
          'observation',
          'the Basic-auth password is the hex AuthorizationKey as decoded bytes (the 1.6 security whitepaper allows either form)',
        );
    }
    const wanted = subprotocolOf(this.opts.version);
    const selected = this.policy.subprotocol !== undefined ? (this.policy.subprotocol ?? '') : offered.includes(wanted) ? wanted : '';
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const label = `ws#${++this.counter}`;
      const info: HandshakeInfo = { identity, path, offered, selected, remote, authUser, profile, ...(tlsInfo ? { tls: tlsInfo } : {}) };
      this.recorder?.note(
        'connection',
        `${label} station ${JSON.stringify(identity)} connected from ${remote} on security profile ${profile}; offered [${offered.join(', ')}], selected ${selected || 'none'}${authUser ? `; Basic auth user ${JSON.stringify(authUser)} accepted` : ''}${tlsInfo ? `; ${tlsNote(tlsInfo)}` : ''}`,
      );
      const conn = new OcppConnection(ws, label, identity, selected, this.opts.monotonic);
      this.connectionListener?.(conn, info);
    });
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await this.listener.close();
  }
}

/** Protocol selection hook for ws: the server picks the subprotocol itself in onUpgrade. */
export type { WebSocketServer };
