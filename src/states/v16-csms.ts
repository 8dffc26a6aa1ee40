import { constants, verify, X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { CaseContext } from '../engine/context.js';
import type { StateTable } from '../engine/states.js';
import type { Payload } from '../roles/endpoint.js';
import { inspectCertificate } from '../pki/inspect.js';
import { certificateHashData, splitPemChain, type CertificateHashData } from '../pki/test-pki.js';

/**
 * Reusable states for 1.6 cases where the SUT is a central system (the harness is a charge point),
 * plus the small charge-point vocabulary the cases share (payload builders, the running
 * transaction). Requirement ids name OCPP 1.6 Ed. 2 sections: OCPP16-4.x for operations the
 * charge point starts, OCPP16-5.x for those the central system starts.
 */

/** What the harness charge point remembers during one case. */
export interface ChargePointMemory16 {
  /** The transaction the central system assigned in the last accepted StartTransaction. */
  transaction?: { transactionId: number; connectorId: number; idTag: string; meterStart: number };
  /** Energy register of the configured connector, in Wh. */
  meterWh: number;
}

/** The harness charge point's memory for this case. */
export function cp16(ctx: CaseContext): ChargePointMemory16 {
  return ctx.remember<ChargePointMemory16>('cp16', () => ({ meterWh: 0 }));
}

/** The transaction started by the Charging state (or a case); a harness error when none runs. */
export function runningTransaction16(ctx: CaseContext): NonNullable<ChargePointMemory16['transaction']> {
  const tx = cp16(ctx).transaction;
  if (!tx) throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('Charging'))`);
  return tx;
}

/** The BootNotification.req the harness charge point sends. */
export function bootNotification16(): Payload {
  return { chargePointVendor: 'ocpp-harness', chargePointModel: 'HarnessChargePoint', chargePointSerialNumber: 'HARNESS-0001', firmwareVersion: '1.0.0' };
}

/** Sends StatusNotification for a connector (the configured one unless given) and awaits the answer. */
export async function statusNotification16(
  ctx: CaseContext,
  status: 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted',
  connectorId = ctx.config.ids.connectorId,
): Promise<void> {
  await ctx.station.call('StatusNotification', { connectorId, errorCode: 'NoError', status, timestamp: ctx.nowIso() }, { requirement: 'OCPP16-4.9' });
}

/** Sends StartTransaction, remembers the assigned transaction and returns the response. */
export async function startTransaction16(ctx: CaseContext, idTag: string, opts: { requirement?: string; timestamp?: string } = {}): Promise<Payload> {
  const mem = cp16(ctx);
  const connectorId = ctx.config.ids.connectorId;
  const res = await ctx.station.call(
    'StartTransaction',
    { connectorId, idTag, meterStart: mem.meterWh, timestamp: opts.timestamp ?? ctx.nowIso() },
    { requirement: opts.requirement ?? 'OCPP16-4.8' },
  );
  ctx.check(Number.isInteger(res.transactionId), opts.requirement ?? 'OCPP16-4.8', 'StartTransaction.conf carries an integer transactionId', res.transactionId);
  mem.transaction = { transactionId: res.transactionId, connectorId, idTag, meterStart: mem.meterWh };
  return res;
}

/** Sends StopTransaction for the running transaction and returns the response. */
export async function stopTransaction16(
  ctx: CaseContext,
  reason: 'EVDisconnected' | 'Local' | 'Remote' | 'DeAuthorized' | 'PowerLoss' | 'Other',
  opts: { idTag?: string; requirement?: string } = {},
): Promise<Payload> {
  const mem = cp16(ctx);
  const tx = runningTransaction16(ctx);
  mem.meterWh += 1500;
  const payload: Payload = { transactionId: tx.transactionId, meterStop: mem.meterWh, timestamp: ctx.nowIso(), reason };
  if (opts.idTag) payload.idTag = opts.idTag;
  const res = await ctx.station.call('StopTransaction', payload, { requirement: opts.requirement ?? 'OCPP16-4.10' });
  mem.transaction = undefined;
  return res;
}

export const states16Csms: StateTable = {
  /** Connected, BootNotification accepted, connectors 0 and the configured one reported Available. */
  async Booted(ctx) {
    const { station, config } = ctx;
    if (!station.connection) await station.connect({ requirement: 'OCPP16-4.2' });
    const res = await station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status');
    await statusNotification16(ctx, 'Available', 0);
    await statusNotification16(ctx, 'Available', config.ids.connectorId);
  },

  /** Booted, then the configured valid idTag is authorized (options.idTag overrides it). */
  async Authorized(ctx, options) {
    const { station, config } = ctx;
    if (!station.connection) await ctx.given('Booted');
    const idTag = typeof options.idTag === 'string' ? options.idTag : config.ids.validIdToken.idToken;
    const res = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');
  },

  /** Booted, cable plugged in (Preparing), authorized, transaction started and Charging reported. */
  async Charging(ctx) {
    const { config } = ctx;
    if (!ctx.station.connection) await ctx.given('Booted');
    await statusNotification16(ctx, 'Preparing');
    await ctx.given('Authorized');
    const res = await startTransaction16(ctx, config.ids.validIdToken.idToken);
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    await statusNotification16(ctx, 'Charging');
  },
};

// ---- Security suite helpers (SEC16 cases against a central system) -----------------------------

export {
  FRAMING_CODES_16,
  FrameWatch,
  closedText,
  fenceCall,
  judgeNotExecuted,
  negativeMatrix16,
  rawHead,
  refusalStatus,
  runNegativeMatrix16,
  sendProbes,
  waitClosed,
  type Probe,
  type ProbeAnswer,
  type ProbeOutcome,
} from './v16-cs.js';

/** The URL the harness charge point dials for an identity (raw: the path segment is used as given). */
export function identityUrl(ctx: CaseContext, rawSegment: string): string {
  return `${ctx.station.target.replace(/\/+$/, '')}/${rawSegment}`;
}

/** One WebSocket frame read from a raw socket (the server's frames are unmasked). */
export interface RawWsFrame {
  opcode: number;
  payload: Buffer;
}

/** Splits complete WebSocket frames off the front of a buffer. */
export function parseWsFrames(buf: Buffer): { frames: RawWsFrame[]; rest: Buffer } {
  const frames: RawWsFrame[] = [];
  let i = 0;
  while (i + 2 <= buf.length) {
    const b1 = buf[i + 1];
    let len = b1 & 0x7f;
    let off = i + 2;
    if (len === 126) {
      if (off + 2 > buf.length) break;
      len = buf.readUInt16BE(off);
      off += 2;
    } else if (len === 127) {
      if (off + 8 > buf.length) break;
      len = Number(buf.readBigUInt64BE(off));
      off += 8;
    }
    if (b1 & 0x80) off += 4;
    if (off + len > buf.length) break;
    frames.push({ opcode: buf[i] & 0x0f, payload: buf.subarray(off, off + len) });
    i = off + len;
  }
  return { frames, rest: buf.subarray(i) };
}

/**
 * Watches a socket kept open after a raw 101 answer for up to `ms`: did the server close it (a
 * close frame or the TCP connection), and which frames did it send. `waitFor` ends early.
 */
export function watchRawSocket(
  socket: Socket,
  first: Buffer,
  ms: number,
  waitFor?: (f: RawWsFrame) => boolean,
): Promise<{ closed: boolean; closeFrame: boolean; frames: RawWsFrame[] }> {
  return new Promise((resolve) => {
    let buf = Buffer.from(first);
    const frames: RawWsFrame[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onClose);
      resolve({ closed, closeFrame: frames.some((f) => f.opcode === 8), frames });
    };
    const take = () => {
      const parsed = parseWsFrames(buf);
      buf = Buffer.from(parsed.rest);
      frames.push(...parsed.frames);
      if (parsed.frames.some((f) => f.opcode === 8)) finish(true);
      else if (waitFor && parsed.frames.some(waitFor)) finish(false);
    };
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      take();
    };
    const onClose = () => finish(true);
    const timer = setTimeout(() => finish(socket.destroyed), ms);
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('end', onClose);
    socket.on('error', () => undefined);
    take();
    if (socket.destroyed) finish(true);
  });
}

// ---- Security Whitepaper helpers (testcases/ocpp16/Security, TC_073..TC_088 _CSMS) ---------------

/** The configured central system URL with ws:// (false) or wss:// (true). */
export function targetWith(ctx: CaseContext, secure: boolean): string {
  const t = ctx.station.target;
  return secure ? t.replace(/^ws:\/\//i, 'wss://') : t.replace(/^wss:\/\//i, 'ws://');
}

/**
 * Options for station.tryConnect() that connect with security profile `profile` whatever the run
 * is configured for: ws:// or wss://, Basic auth (1/2, `password` or the configured one) or a
 * client certificate (3, `clientCert` or the PKI's station certificate). The CSMS root of the test
 * PKI is trusted for wss://.
 */
export function connectOptionsAt(
  ctx: CaseContext,
  profile: 0 | 1 | 2 | 3,
  o: { password?: string; clientCert?: { chainPem: string; keyPem: string } } = {},
): import('../roles/roles.js').StationConnectOptions {
  const { station } = ctx;
  if (profile <= 1) return { target: targetWith(ctx, false), password: profile === 1 ? (o.password ?? ctx.config.security.basicAuthPassword ?? null) : null, tls: undefined };
  const trust = [ctx.pki.csmsRoot];
  if (profile === 2) return { target: targetWith(ctx, true), password: o.password ?? ctx.config.security.basicAuthPassword ?? null, tls: station.tlsOptions({ clientCert: null, trust }) };
  return { target: targetWith(ctx, true), password: null, tls: station.tlsOptions({ clientCert: o.clientCert ?? ctx.pki.artifact('station'), trust }) };
}

/** The whitepaper's AuthorizationKey format: 16 to 20 bytes, hex encoded (32 to 40 hex digits). */
export function isAuthorizationKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-fA-F]{32,40}$/.test(value) && value.length % 2 === 0;
}

/** How a refused connection attempt reads in a check's "actual". */
export function dialOutcome(r: { ok: boolean; status?: number; error?: string }): string {
  return r.ok ? 'the connection was accepted (WebSocket open)' : r.status !== undefined ? `refused with HTTP ${r.status}` : `failed: ${r.error}`;
}

/**
 * Checks an InstallCertificate.req as a charge point would before storing it: the requested type,
 * a single readable PEM certificate that is a CA (basicConstraints cA) and valid now. Returns the
 * certificate PEM.
 */
export function checkInstallCertificate(ctx: CaseContext, payload: Payload, type: 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate', requirement: string): string {
  ctx.check(payload.certificateType === type, requirement, `certificateType = ${type}`, `certificateType = ${JSON.stringify(payload.certificateType)}`);
  const pems = splitPemChain(String(payload.certificate ?? ''));
  ctx.check(pems.length === 1, requirement, 'certificate = one PEM encoded X.509 certificate', `${pems.length} PEM certificates`);
  let info: ReturnType<typeof inspectCertificate>;
  try {
    info = inspectCertificate(pems[0]!);
  } catch (err) {
    return ctx.check(false, requirement, 'a readable X.509 certificate', (err as Error).message) as never;
  }
  ctx.check(info.isCA, requirement, `a CA certificate (basicConstraints cA = TRUE) as ${type}`, `a leaf certificate (CN ${JSON.stringify(info.subject.CN ?? null)})`);
  const now = new Date(ctx.clock.now());
  ctx.check(info.notBefore <= now && now <= info.notAfter, requirement, 'a certificate valid now', `valid ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}`);
  return pems[0]!;
}

/** RFC 6960 hash data of an installed root (its own issuer) or of a certificate under `issuerPem`. */
export function hashDataOfCert(certPem: string, issuerPem = certPem): CertificateHashData {
  return certificateHashData(certPem, issuerPem, 'SHA256');
}

/** Fetches a file the central system points to (firmware), bounded in time and size; loopback or lab hosts only. */
export async function downloadFile(ctx: CaseContext, url: string, within = ctx.config.timeouts.messageMs): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: string }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, error: `not a URL: ${JSON.stringify(url)}` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, error: `the harness downloads over http(s) only, not ${u.protocol}` };
  const mod = u.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const tls = u.protocol === 'https:' ? ctx.station.tlsOptions({}) : {};
  ctx.note(`downloading ${u.origin}${u.pathname}`);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = mod.get(u, { ...tls, timeout: within }, (res) => {
      if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
        res.resume();
        return resolve({ ok: false, error: `HTTP ${res.statusCode}` });
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024 * 1024) {
          req.destroy();
          resolve({ ok: false, error: 'larger than 64 MiB' });
        } else chunks.push(c);
      });
      res.on('end', () => resolve({ ok: true, bytes: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ ok: false, error: e.message }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, error: `no complete answer within ${within} ms` });
    });
    req.on('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

/**
 * Whether `signatureB64` is a SHA-256 signature over `data` by the key of `certPem`: ECDSA (DER or
 * raw r|s) for EC keys, RSA-PSS or PKCS#1 v1.5 for RSA keys.
 */
export function verifyFirmwareSignature(certPem: string, data: Buffer, signatureB64: string): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  let key: import('node:crypto').KeyObject;
  try {
    key = new X509Certificate(certPem).publicKey;
  } catch {
    return false;
  }
  const attempts: import('node:crypto').VerifyKeyObjectInput[] =
    key.asymmetricKeyType === 'ec'
      ? [{ key, dsaEncoding: 'der' }, { key, dsaEncoding: 'ieee-p1363' }]
      : [{ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, { key, padding: constants.RSA_PKCS1_PADDING }];
  return attempts.some((k) => {
    try {
      return verify('sha256', data, k, sig);
    } catch {
      return false;
    }
  });
}

/**
 * Masks the value of every ChangeConfiguration AuthorizationKey that arrives on `conn` before the
 * wire log records the frame (A01.FR.09/12: a password never shows up in logs or reports).
 */
export function maskAuthorizationKeysFrom(ctx: CaseContext, conn: import('../transport/connection.js').OcppConnection): void {
  conn.ws.prependListener('message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : String(data);
      const f = JSON.parse(text) as unknown[];
      if (!Array.isArray(f) || f[0] !== 2 || f[2] !== 'ChangeConfiguration') return;
      const p = f[3] as Payload;
      if (p?.key === 'AuthorizationKey' && typeof p.value === 'string' && p.value.length >= 4) ctx.secret(p.value);
    } catch {
      /* not JSON: nothing to mask */
    }
  });
}

/**
 * TC_075_1/TC_075_2 (central system side): the operator installs a root of `type`, then lists
 * the installed ones; the requests must be well formed and name that type.
 */
export async function installRootThenList16(ctx: CaseContext, type: 'ManufacturerRootCertificate' | 'CentralSystemRootCertificate'): Promise<void> {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step(`The operator installs a ${type}: the central system sends InstallCertificate`);
    await ctx.manual('csmsSend', { message: 'InstallCertificate', stationId: config.stationId, certificateType: type }, `Make the central system install its ${type} on ${config.stationId} (InstallCertificate).`);
    const install = await station.expectCall('InstallCertificate', { requirement: 'SECWP16-M05.FR.01' });
    const installed = checkInstallCertificate(ctx, install.payload, type, 'SECWP16-M05.FR.01');

    ctx.step('The charge point stores the certificate and answers Accepted');
    await station.reply(install, { status: 'Accepted' });

    ctx.step(`The operator lists the installed ${type}s: the central system sends GetInstalledCertificateIds`);
    await ctx.manual('csmsSend', { message: 'GetInstalledCertificateIds', stationId: config.stationId, certificateType: type }, `Make the central system ask ${config.stationId} for its installed ${type}s (GetInstalledCertificateIds).`);
    const list = await station.expectCall('GetInstalledCertificateIds', { requirement: 'SECWP16-M03.FR.01' });
    ctx.check(list.payload.certificateType === type, 'SECWP16-M03.FR.01', `certificateType = ${type}`, `certificateType = ${JSON.stringify(list.payload.certificateType)}`);
    await station.reply(list, { status: 'Accepted', certificateHashData: [hashDataOfCert(installed)] });
}
