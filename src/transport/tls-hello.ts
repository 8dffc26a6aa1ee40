/**
 * Raw TLS ClientHello handling, for what Node's OpenSSL cannot do itself (security catalogue
 * TLS-02/03/04/10): reading the ClientHello a station sends before TLS takes the socket, and
 * probing a CSMS with hand-built ClientHellos that offer old versions, weak suites or compression.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export type TlsVersionName = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

const VERSION_CODES: Record<TlsVersionName, number> = {
  SSLv3: 0x0300,
  TLSv1: 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

export function versionName(code: number): string {
  const hit = Object.entries(VERSION_CODES).find(([, c]) => c === code);
  return hit ? hit[0] : `0x${code.toString(16).padStart(4, '0')}`;
}

/** IANA names of the suites the harness offers, checks or recognises (RFC 8446, 5246, 4492 ...). */
export const CIPHER_SUITES: Record<string, number> = {
  // TLS 1.3
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
  // The four OCPP TLS 1.2 suites (A00.FR.318)
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
  // Other modern suites
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
  // CBC with SHA-1 (ENISA legacy; SHOULD NOT)
  TLS_RSA_WITH_AES_128_CBC_SHA: 0x002f,
  TLS_RSA_WITH_AES_256_CBC_SHA: 0x0035,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 0xc013,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 0xc009,
  // Insecure: NULL, EXPORT, RC4, 3DES, anonymous (SHALL NOT)
  TLS_RSA_WITH_NULL_SHA: 0x0002,
  TLS_RSA_WITH_NULL_SHA256: 0x003b,
  TLS_RSA_EXPORT_WITH_RC4_40_MD5: 0x0003,
  TLS_RSA_EXPORT_WITH_DES40_CBC_SHA: 0x0008,
  TLS_RSA_WITH_RC4_128_SHA: 0x0005,
  TLS_RSA_WITH_RC4_128_MD5: 0x0004,
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 0x000a,
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 0xc012,
  TLS_DH_anon_WITH_AES_128_CBC_SHA: 0x0034,
  TLS_DH_anon_WITH_AES_128_GCM_SHA256: 0x00a6,
  TLS_ECDH_anon_WITH_AES_128_CBC_SHA: 0xc018,
  TLS_RSA_WITH_DES_CBC_SHA: 0x0009,
};

const SUITE_NAMES = new Map(Object.entries(CIPHER_SUITES).map(([n, c]) => [c, n]));

export function suiteName(code: number): string {
  return SUITE_NAMES.get(code) ?? `0x${code.toString(16).padStart(4, '0')}`;
}

/** Suites no OCPP party may use (A00.FR.320/423: NULL, EXPORT, RC4, DES/3DES, anonymous). */
export function isInsecureSuite(name: string): boolean {
  return /_NULL_|EXPORT|RC4|_DES_|3DES|_anon_/.test(name);
}

/** The OCPP TLS 1.2 suites (A00.FR.318) in IANA names. */
export const OCPP_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
];

/** What a peer offered in its ClientHello. */
export interface ClientHelloInfo {
  /** legacy_version of the record and of the hello. */
  recordVersion: string;
  helloVersion: string;
  /** From the supported_versions extension (TLS 1.3 capable clients), else [helloVersion]. */
  versions: string[];
  /** The highest version offered. */
  maxVersion: string;
  suites: string[];
  compression: number[];
  sni?: string;
  extensions: number[];
}

/** Whether `buf` starts with a TLS handshake record (what a ClientHello arrives in). */
export function looksLikeTls(buf: Buffer): boolean {
  return buf.length > 0 && buf[0] === 0x16;
}

/** Bytes needed for the first TLS record (header + body), or undefined before the header arrived. */
export function firstRecordLength(buf: Buffer): number | undefined {
  if (buf.length < 5) return undefined;
  return 5 + buf.readUInt16BE(3);
}

const versionOrder = (v: string) => VERSION_CODES[v as TlsVersionName] ?? 0;

/** Parses a ClientHello from the first TLS record(s); undefined when it is not one or is cut short. */
export function parseClientHello(buf: Buffer): ClientHelloInfo | undefined {
  try {
    if (!looksLikeTls(buf) || buf.length < 9) return undefined;
    const recordVersion = buf.readUInt16BE(1);
    const recLen = buf.readUInt16BE(3);
    const body = buf.subarray(5, 5 + recLen);
    if (body[0] !== 0x01) return undefined;
    const hsLen = body.readUIntBE(1, 3);
    const h = body.subarray(4, 4 + hsLen);
    let o = 0;
    const helloVersion = h.readUInt16BE(o);
    o += 2 + 32; // version, random
    const sidLen = h[o]!;
    o += 1 + sidLen;
    const csLen = h.readUInt16BE(o);
    o += 2;
    const suites: string[] = [];
    for (let i = 0; i < csLen; i += 2) {
      const code = h.readUInt16BE(o + i);
      // GREASE values (RFC 8701) and the renegotiation SCSV say nothing about strength.
      if ((code & 0x0f0f) === 0x0a0a || code === 0x00ff) continue;
      suites.push(suiteName(code));
    }
    o += csLen;
    const compLen = h[o]!;
    const compression = [...h.subarray(o + 1, o + 1 + compLen)];
    o += 1 + compLen;
    const extensions: number[] = [];
    let sni: string | undefined;
    let versions: string[] | undefined;
    if (o + 2 <= h.length) {
      const extEnd = o + 2 + h.readUInt16BE(o);
      o += 2;
      while (o + 4 <= extEnd && o + 4 <= h.length) {
        const type = h.readUInt16BE(o);
        const len = h.readUInt16BE(o + 2);
        const data = h.subarray(o + 4, o + 4 + len);
        extensions.push(type);
        if (type === 0 && data.length > 5) {
          const nameLen = data.readUInt16BE(3);
          sni = data.subarray(5, 5 + nameLen).toString('latin1');
        }
        if (type === 43 && data.length >= 1) {
          versions = [];
          for (let i = 1; i + 1 < 1 + data[0]! + 1 && i + 1 < data.length; i += 2) {
            const code = data.readUInt16BE(i);
            if ((code & 0x0f0f) !== 0x0a0a) versions.push(versionName(code));
          }
        }
        o += 4 + len;
      }
    }
    const offered = versions ?? [versionName(helloVersion)];
    const maxVersion = [...offered].sort((a, b) => versionOrder(b) - versionOrder(a))[0] ?? versionName(helloVersion);
    return {
      recordVersion: versionName(recordVersion),
      helloVersion: versionName(helloVersion),
      versions: offered,
      maxVersion,
      suites,
      compression,
      sni,
      extensions,
    };
  } catch {
    return undefined;
  }
}

export interface ClientHelloSpec {
  /** legacy_version of the hello (what a pre-1.3 client offers as its highest version). */
  version: Exclude<TlsVersionName, 'TLSv1.3'>;
  /** Suites by IANA name (see CIPHER_SUITES) or code. */
  suites: (string | number)[];
  /** Compression methods; default [0] (null). 1 = DEFLATE. */
  compression?: number[];
  /** Server name (SNI); none for IP targets. */
  serverName?: string;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function ext(type: number, data: Buffer): Buffer {
  return Buffer.concat([u16(type), u16(data.length), data]);
}

/** A ClientHello record as a pre-TLS-1.3 client would send it. */
export function buildClientHello(spec: ClientHelloSpec): Buffer {
  const version = VERSION_CODES[spec.version];
  const codes = spec.suites.map((s) => {
    if (typeof s === 'number') return s;
    const c = CIPHER_SUITES[s];
    if (c === undefined) throw new Error(`unknown cipher suite ${s}`);
    return c;
  });
  const suites = Buffer.concat(codes.map(u16));
  const compression = Buffer.from(spec.compression ?? [0]);
  const exts: Buffer[] = [];
  if (spec.serverName) {
    const name = Buffer.from(spec.serverName, 'latin1');
    exts.push(ext(0, Buffer.concat([u16(name.length + 3), Buffer.from([0]), u16(name.length), name])));
  }
  // supported_groups: x25519, P-256, P-384; ec_point_formats: uncompressed.
  exts.push(ext(10, Buffer.concat([u16(6), u16(0x001d), u16(0x0017), u16(0x0018)])));
  exts.push(ext(11, Buffer.from([1, 0])));
  if (version >= 0x0303) {
    // signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256, ecdsa_secp384r1_sha384, rsa_pkcs1_sha384, rsa_pkcs1_sha1, ecdsa_sha1
    const algs = [0x0403, 0x0804, 0x0401, 0x0503, 0x0501, 0x0201, 0x0203];
    exts.push(ext(13, Buffer.concat([u16(algs.length * 2), ...algs.map(u16)])));
  }
  exts.push(ext(0xff01, Buffer.from([0]))); // renegotiation_info, empty
  const extBlock = Buffer.concat(exts);
  const hello = Buffer.concat([
    u16(version),
    randomBytes(32),
    Buffer.from([0]), // no session id
    u16(suites.length),
    suites,
    Buffer.from([compression.length]),
    compression,
    u16(extBlock.length),
    extBlock,
  ]);
  const handshake = Buffer.concat([
    Buffer.from([0x01, (hello.length >> 16) & 0xff, (hello.length >> 8) & 0xff, hello.length & 0xff]),
    hello,
  ]);
  // Record layer version: TLS 1.0 for compatibility, as most clients do (SSLv3 probes use 3.0).
  return Buffer.concat([Buffer.from([0x16]), u16(spec.version === 'SSLv3' ? 0x0300 : 0x0301), u16(handshake.length), handshake]);
}

/** TLS alert descriptions (RFC 8446 6.2, RFC 5246 7.2). */
const ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export function alertName(code: number): string {
  return ALERTS[code] ?? `alert ${code}`;
}

/** What the server answered a probe ClientHello with. */
export type ProbeResult =
  | { kind: 'server-hello'; version: string; suite: string; compression: number }
  | { kind: 'alert'; level: 'warning' | 'fatal'; alert: string }
  | { kind: 'closed'; detail: string }
  | { kind: 'timeout'; detail: string }
  | { kind: 'error'; detail: string };

export function describeProbe(r: ProbeResult): string {
  switch (r.kind) {
    case 'server-hello':
      return `ServerHello: ${r.version}, ${r.suite}, compression ${r.compression}`;
    case 'alert':
      return `${r.level} alert ${r.alert}`;
    default:
      return `${r.kind}: ${r.detail}`;
  }
}

/** Reads the server's first answer to a ClientHello (ServerHello or Alert) from raw bytes. */
export function parseServerAnswer(buf: Buffer): ProbeResult | undefined {
  if (buf.length < 5) return undefined;
  const type = buf[0];
  const len = buf.readUInt16BE(3);
  if (buf.length < 5 + Math.min(len, 6)) return undefined;
  const body = buf.subarray(5, 5 + len);
  if (type === 0x15 && body.length >= 2) return { kind: 'alert', level: body[0] === 1 ? 'warning' : 'fatal', alert: alertName(body[1]!) };
  if (type === 0x16 && body[0] === 0x02) {
    if (buf.length < 5 + len) return undefined;
    const h = body.subarray(4);
    let version = h.readUInt16BE(0);
    const sidLen = h[34]!;
    let o = 35 + sidLen;
    const suite = h.readUInt16BE(o);
    o += 2;
    const compression = h[o]!;
    o += 1;
    // A TLS 1.3 ServerHello says 1.2 in legacy_version and the truth in supported_versions.
    if (o + 2 <= h.length) {
      const end = o + 2 + h.readUInt16BE(o);
      o += 2;
      while (o + 4 <= end) {
        const t = h.readUInt16BE(o);
        const l = h.readUInt16BE(o + 2);
        if (t === 43 && l === 2) version = h.readUInt16BE(o + 4);
        o += 4 + l;
      }
    }
    return { kind: 'server-hello', version: versionName(version), suite: suiteName(suite), compression };
  }
  return { kind: 'error', detail: `unexpected record type ${type}` };
}

/**
 * Sends one hand-built ClientHello to host:port and reports the answer. Never completes a
 * handshake; the socket is destroyed afterwards. Bounded by `timeoutMs`.
 */
export function probeTls(host: string, port: number, spec: ClientHelloSpec, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host, port });
    const done = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ kind: 'timeout', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('connect', () => socket.write(buildClientHello(spec)));
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const r = parseServerAnswer(buf);
      if (r) done(r);
    });
    socket.on('end', () =>
      done({
        kind: 'closed',
        detail: buf.length ? `closed after ${buf.length} unreadable bytes` : 'the server closed the connection without an answer',
      }),
    );
    socket.on('close', () => done({ kind: 'closed', detail: 'connection closed' }));
    socket.on('error', (e) => done({ kind: 'error', detail: e.message }));
  });
}
