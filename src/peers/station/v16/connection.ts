import net from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import WebSocket, { type RawData } from 'ws';
import { subprotocolOf, type OcppVersion } from '../../../core/versions.js';
import { OCPP_CIPHERS } from '../../../transport/tls.js';
import type { ActiveFaults } from '../../faults.js';
import { RpcPeer } from '../../rpc.js';
import { RECONNECT_MS, type ChargePoint16 } from './charge-point.js';
import type { ClientCredential } from './cert-store.js';
import type { Station16Fault } from './faults.js';
import { boot } from './blocks/core.js';
import { beforeRpc, type Link16 } from './blocks/frame-handling.js';
import { securityEvent } from './blocks/security-log.js';

/**
 * The connection of the 1.6 reference charge point: the WebSocket dial (Basic auth on profiles
 * 1/2, TLS on 2/3 with the installed roots and, on 3, the client certificate), the fall-back to
 * the previous profile after a failed upgrade (A05.FR.08), and the reconnects.
 */

export interface Dial16Options {
  target: string;
  identity: string;
  version: OcppVersion;
  basicAuthPassword?: string;
  timeoutMs: number;
  /**
   * Fault cp-accepts-missing-subprotocol: when the server's 101 carries no subprotocol, dial
   * again with the offer written as a plain header, which the ws client then does not check.
   */
  acceptMissingSubprotocol?: boolean;
  /** Security profile 2/3: TLS options (the installed CentralSystemRootCertificates as ca; client certificate for profile 3). */
  tls?: ConnectionOptions;
}

/** An open connection; frames that arrived with the 101 answer are held until flush(). */
export interface Dialed16 {
  ws: WebSocket;
  /** Hands the held frames to the listeners attached since (call right after attaching them). */
  flush(): void;
}

function open(
  url: string,
  protocols: string[] | undefined,
  headers: Record<string, string>,
  timeoutMs: number,
  tls: ConnectionOptions = {},
): Promise<Dialed16> {
  return new Promise((resolve, reject) => {
    const ws = protocols
      ? new WebSocket(url, protocols, { headers, handshakeTimeout: timeoutMs, ...tls })
      : new WebSocket(url, { headers, handshakeTimeout: timeoutMs, ...tls });
    // A frame sent right behind the 101 is parsed in the same tick as 'open', before the
    // caller can attach its handler; hold such frames instead of losing them.
    const early: [RawData, boolean][] = [];
    const hold = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on('message', hold);
    const flush = () => {
      ws.off('message', hold);
      for (const [data, isBinary] of early.splice(0)) ws.emit('message', data, isBinary);
    };
    ws.once('open', () => resolve({ ws, flush }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_r, res) => {
      ws.terminate();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
  });
}

/**
 * Dials the central system as the 1.6 reference charge point. The ws client fails the
 * connection when the 101 answer selects a subprotocol that was not offered, or none (RFC 6455
 * section 4.1): the conformant behaviour.
 */
export async function dialCentralSystem16(o: Dial16Options): Promise<Dialed16> {
  const url = `${o.target.replace(/\/+$/, '')}/${encodeURIComponent(o.identity)}`;
  const headers: Record<string, string> = {};
  if (o.basicAuthPassword) headers.authorization = `Basic ${Buffer.from(`${o.identity}:${o.basicAuthPassword}`).toString('base64')}`;
  const ours = subprotocolOf(o.version);
  const tls = o.tls ?? {};
  try {
    return await open(url, [ours], headers, o.timeoutMs, tls);
  } catch (err) {
    if (!o.acceptMissingSubprotocol || !/no subprotocol/i.test((err as Error).message)) throw err;
    return open(url, undefined, { ...headers, 'Sec-WebSocket-Protocol': ours }, o.timeoutMs, tls);
  }
}

/** TLS options of the charge point's dial (profile 2/3): installed roots only, TLS 1.2+, OCPP suites. */
export function dialTlsOptions(
  target: string,
  o: { roots: string[]; client?: ClientCredential; faults: ActiveFaults<Station16Fault> },
): ConnectionOptions {
  let host = '';
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, '');
  } catch {
    /* the dial reports a bad URL */
  }
  const legacy = o.faults.has('tls-offers-legacy-versions');
  return {
    ca: o.roots,
    minVersion: legacy ? 'TLSv1' : 'TLSv1.2',
    ciphers: legacy ? `${OCPP_CIPHERS}:AES128-SHA:@SECLEVEL=0` : OCPP_CIPHERS,
    rejectUnauthorized: !o.faults.has('accepts-invalid-csms-cert'),
    ...(host && net.isIP(host) === 0 ? { servername: host } : {}),
    ...(o.client && !o.faults.has('no-client-certificate') ? { cert: o.client.chainPem, key: o.client.keyPem } : {}),
  };
}

/** The security event a failed TLS dial stands for, if it is a certificate or TLS parameter problem. */
export function tlsFailureEvent(err: Error & { code?: string }): string | undefined {
  const text = `${err.code ?? ''} ${err.message}`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|KEY_TOO_SMALL|INVALID_CA|CA_MD_TOO_WEAK|hostname\/IP does not match/i.test(text))
    return 'InvalidCentralSystemCertificate';
  if (/protocol version|unsupported protocol|no protocols available|wrong version number|TLSV1_ALERT_PROTOCOL_VERSION/i.test(text))
    return 'InvalidTLSVersion';
  if (/no shared cipher|no ciphers available|handshake failure|NO_SHARED_CIPHER/i.test(text)) return 'InvalidTLSCipherSuite';
  return undefined;
}

/** Dials with the profile and credentials in effect; on success installs the RPC layer and boots. */
export async function connect(cp: ChargePoint16): Promise<void> {
  if (cp.stopped) return;
  let dialed: Dialed16;
  const profile = cp.profile;
  const target = profile >= 2 ? cp.o.target.replace(/^ws:\/\//i, 'wss://') : cp.o.target.replace(/^wss:\/\//i, 'ws://');
  const password = profile === 1 || profile === 2 ? cp.authorizationKey : undefined;
  try {
    dialed = await dialCentralSystem16({
      target,
      identity: cp.o.identity,
      version: cp.o.version,
      basicAuthPassword: cp.faults.has('basic-auth-header-missing') ? undefined : password,
      tls:
        profile >= 2
          ? dialTlsOptions(target, {
              roots: cp.store.roots('CentralSystemRootCertificate'),
              client: profile === 3 ? cp.client : undefined,
              faults: cp.faults,
            })
          : undefined,
      timeoutMs: cp.o.config.timeouts.connectMs,
      acceptMissingSubprotocol: cp.faults.has('cp-accepts-missing-subprotocol'),
    });
  } catch (err) {
    cp.log(`connect failed: ${(err as Error).message}`);
    const event = profile >= 2 ? tlsFailureEvent(err as Error) : undefined;
    if (event) securityEvent(cp, event, (err as Error).message);
    if (cp.fallback && ++cp.fallback.failures >= 3) {
      // The new profile does not work: back to the previous one (A05.FR.08).
      cp.log(`security profile ${cp.profile} failed ${cp.fallback.failures} times; falling back to ${cp.fallback.profile}`);
      cp.profile = cp.fallback.profile;
      cp.cfg.set('SecurityProfile', String(cp.profile));
      cp.fallback = undefined;
    }
    cp.later(500, () => void connect(cp));
    return;
  }
  cp.fallback = undefined;
  const ws = dialed.ws;
  if (cp.stopped) {
    ws.terminate();
    return;
  }
  const link: Link16 = { seen: new Set(), pending: new Set() };
  const ids = {
    next: () => {
      const id = cp.o.ids.next();
      link.pending.add(id);
      return id;
    },
  };
  const rpc = new RpcPeer(ws, { version: cp.o.version, validator: cp.o.validator, ids, callTimeoutMs: cp.o.config.timeouts.messageMs * 5 });
  cp.rpc = rpc;
  for (const [action, handler] of cp.handlers) rpc.handle(action, (p) => handler(p));
  rpc.intercept((text, isBinary) => beforeRpc(cp, rpc, link, text, isBinary));
  dialed.flush();
  rpc.onClose(() => {
    if (cp.rpc !== rpc) return;
    cp.rpc = undefined;
    cp.wentOffline();
    if (!cp.rebooting) cp.later(500, () => void connect(cp));
  });
  cp.bootState = 'booting';
  void boot(cp, rpc);
}

/** Drops the connection and dials again with the current profile and credentials (no reboot). */
export function redial(cp: ChargePoint16): void {
  const rpc = cp.rpc;
  cp.rpc = undefined;
  cp.wentOffline();
  rpc?.close(1000);
  cp.later(RECONNECT_MS, () => void connect(cp));
}
