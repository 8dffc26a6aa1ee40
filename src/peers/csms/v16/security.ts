import { createPrivateKey, generateKeyPairSync, randomBytes, randomInt, sign, X509Certificate, type KeyObject } from 'node:crypto';
import type http from 'node:http';
import { organizationOf, stationSerialOf } from '../../../core/config.js';
import type { TlsChoice } from '../../../transport/dual-listener.js';
import { OCPP_CIPHERS } from '../../../transport/tls.js';
import { parseCsr, type ParsedCsr } from '../../../pki/csr.js';
import { certParts, content, keyIdentifier, OID, readTlv, slice } from '../../../pki/der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from '../../../pki/issue.js';
import { certificateHashData, type CertificateHashData } from '../../../pki/test-pki.js';
import { securityEventNames } from '../../../protocol/security-events.js';
import type { CsmsPeerOptions, FaultInfo } from '../../../engine/peer-contract.js';
import type { Payload } from '../../rpc.js';
import type { HandshakeCredentials, HandshakeRefusal } from './listener.js';

/**
 * Faults of the 1.6 reference central system's Security Whitepaper behaviour (testcases/ocpp16/
 * Security, TC_073..TC_088 _CSMS): each breaks exactly one behaviour.
 */
export const CSMS_16_WP_FAULTS: FaultInfo[] = [
  { name: 'basic-auth-user-not-checked', description: 'HTTP Basic auth compares the password only: a user name other than the charge point identity is accepted' },
  { name: 'old-authorization-key-accepted', description: 'after the charge point accepted a new AuthorizationKey, the previous password is still accepted' },
  { name: 'tls-accepts-legacy-versions', description: 'the TLS listener also negotiates TLS 1.0/1.1 with CBC-SHA suites (minimum version not raised to 1.2)' },
  { name: 'client-cert-cn-not-checked', description: 'security profile 3 accepts any verified client certificate: its CN is not compared with the charge point serial number' },
  { name: 'certificate-signed-other-key', description: 'CertificateSigned carries a certificate for a freshly made key instead of the key in the charge point\'s CSR' },
  { name: 'install-cert-type-swapped', description: 'InstallCertificate of the manufacturer root is labelled CentralSystemRootCertificate' },
  { name: 'install-csms-root-sends-server-cert', description: 'InstallCertificate CentralSystemRootCertificate carries the central system\'s TLS server certificate (a leaf) instead of its root' },
  { name: 'delete-cert-issuer-hashes-swapped', description: 'DeleteCertificate carries the issuerNameHash and issuerKeyHash of the reported certificate swapped' },
  { name: 'security-event-201-names-only', description: 'SecurityEventNotification is checked against the OCPP 2.0.1 event names: the 1.6 names (InvalidChargePointCertificate ...) are answered with a CALLERROR' },
  { name: 'security-event-noncritical-ignored', description: 'SecurityEventNotification of a non-critical type (InvalidCentralSystemCertificate ...) is never answered' },
  { name: 'getlog-wrong-type', description: 'an operator GetLog for the SecurityLog is sent with logType DiagnosticsLog' },
  { name: 'firmware-signature-over-other-bytes', description: 'the SignedUpdateFirmware signature is made over other bytes than the firmware file served at the location' },
  { name: 'signed-fw-status-legacy-enum', description: 'SignedFirmwareStatusNotification is checked against the 1.6 FirmwareStatusNotification statuses: InvalidSignature, SignatureVerified ... are answered with a CALLERROR' },
  { name: 'accepts-lower-profile-after-upgrade', description: 'after a SecurityProfile upgrade was accepted, the charge point can still connect with its previous, lower profile' },
];

type Profile = 0 | 1 | 2 | 3;

/** The statuses of the legacy FirmwareStatusNotification (fault signed-fw-status-legacy-enum). */
const LEGACY_FIRMWARE_STATUSES = ['Downloaded', 'DownloadFailed', 'Downloading', 'Idle', 'InstallationFailed', 'Installing', 'Installed'];
/** The whitepaper's critical security events (pushed; the others are only logged, but still acknowledged). */
const CRITICAL_EVENTS = ['FirmwareUpdated', 'SettingSystemTime', 'StartupOfTheDevice', 'ResetOrReboot', 'SecurityLogWasCleared', 'MemoryExhaustion', 'TamperDetectionActivated'];
const EXTENDED_TRIGGERS = ['BootNotification', 'LogStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'SignChargePointCertificate', 'StatusNotification'];
const CERTIFICATE_USES = ['CentralSystemRootCertificate', 'ManufacturerRootCertificate'];

interface FirmwareImage {
  bytes: Buffer;
}

export class SecurityError16 extends Error {}

/**
 * The Security Whitepaper side of the 1.6 reference central system: security profiles and
 * credentials per charge point (Basic auth password rotation A01, profile upgrade A05), the TLS
 * it serves, the CSMS as CA for CSRs (A02), certificate management (M03-M05), security logs (N01)
 * and signed firmware (L01). It never knows which case runs.
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
 * - SignCertificate: the CSR must verify, name the serial (CN) and the CSO (O), and carry an RSA
 *   key of 2048+ bits or an EC key of 224+ bits; then Accepted and CertificateSigned follows.
 */
export class Security16 {
  private readonly profiles = new Map<string, Profile>();
  private readonly pendingProfiles = new Map<string, Profile>();
  private readonly passwords = new Map<string, string>();
  private readonly pendingPasswords = new Map<string, string>();
  private readonly retiredPasswords = new Map<string, string[]>();
  /** Hash data the charge point reported per certificate type (GetInstalledCertificateIds). */
  private readonly reported = new Map<string, Map<string, CertificateHashData[]>>();
  private readonly firmware = new Map<number, FirmwareImage>();
  private signer: { certPem: string; key: KeyObject } | undefined;
  /** Operator calls still waiting for their answer, per identity (a DeleteCertificate waits for the listing). */
  private readonly inflight = new Map<string, Set<{ message: string; done: Promise<unknown> }>>();
  private nextRequestId = 1;
  /** Base URL of the listener's own HTTP service (firmware, log uploads). */
  httpBase = '';

  constructor(
    private readonly o: CsmsPeerOptions,
    private readonly fault: (name: string) => boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** The profile the run configured (2/3 with TLS material, 1 with a password, else 0). */
  get configuredProfile(): Profile {
    return this.o.tls ? this.o.tls.profile : this.o.basicAuthPassword !== undefined ? 1 : 0;
  }

  profileOf(identity: string): Profile {
    return this.profiles.get(identity) ?? this.configuredProfile;
  }

  private passwordOf(identity: string): string | undefined {
    return this.passwords.get(identity) ?? this.o.basicAuthPassword;
  }

  // ---- TLS and handshakes -----------------------------------------------------------------

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
    const legacy = this.fault('tls-accepts-legacy-versions');
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
    if (this.fault('accepts-lower-profile-after-upgrade') && active > this.configuredProfile) for (let p = this.configuredProfile; p < active; p++) allowed.add(p as Profile);
    const problems: string[] = [];
    for (const p of allowed) {
      const problem = this.problemAtProfile(p, c);
      if (!problem) return undefined;
      problems.push(problem);
    }
    return { status: 401, why: problems.join('; '), challenge: [...allowed].some((p) => p === 1 || p === 2) };
  }

  private problemAtProfile(p: Profile, c: HandshakeCredentials): string | undefined {
    if (p === 0) return c.tls ? 'profile 0: wss:// is not this charge point\'s profile' : undefined;
    if (p === 1 && c.tls) return 'profile 1: the charge point must connect with ws://, not wss://';
    if (p >= 2 && !c.tls) return `profile ${p}: the charge point must connect with wss://, not ws://`;
    if (p === 1 || p === 2) return this.basicProblem(c);
    const cert = c.tls?.clientCert;
    if (!cert) return 'profile 3: no client certificate';
    if (!cert.authorized) return `profile 3: the client certificate does not verify (${cert.authorizationError})`;
    if (c.tls?.clientCertIsCa) return 'profile 3: the client certificate is a CA certificate';
    const org = organizationOf(this.o.config);
    if (cert.subjectO !== org) return `profile 3: client certificate O = ${JSON.stringify(cert.subjectO ?? null)}, not the CSO ${JSON.stringify(org)}`;
    if (c.identity === this.o.config.stationId && !this.fault('client-cert-cn-not-checked')) {
      const serial = stationSerialOf(this.o.config);
      if (cert.subjectCN !== serial) return `profile 3: client certificate CN = ${JSON.stringify(cert.subjectCN ?? null)}, not the charge point's serial number ${JSON.stringify(serial)}`;
    }
    return undefined;
  }

  private basicProblem(c: HandshakeCredentials): string | undefined {
    if (!c.basic) return c.authorizationHeader ? 'Authorization is not Basic' : 'no Basic credentials';
    if (c.basic.user !== c.identity && !this.fault('basic-auth-user-not-checked')) return 'the Basic-auth user is not the charge point identity';
    const valid = [this.passwordOf(c.identity), this.pendingPasswords.get(c.identity)];
    // Started without a password (a caller that configures none): there is nothing to check against.
    if (valid.every((v) => v === undefined)) return undefined;
    if (this.fault('old-authorization-key-accepted')) valid.push(...(this.retiredPasswords.get(c.identity) ?? []));
    // The password is never logged; only whether it matched.
    return valid.some((v) => v !== undefined && v === c.basic!.password) ? undefined : 'wrong Basic credentials';
  }

  // ---- operator messages ------------------------------------------------------------------

  /** The whitepaper operator messages; undefined when `message` is not one of them. */
  operatorRequest(identity: string, message: string, d: Record<string, unknown>): { payload: Payload; secret?: boolean } | { error: string } | undefined {
    const pki = this.o.pki;
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    switch (message) {
      case 'ChangeConfiguration': {
        if (d.key === 'AuthorizationKey') {
          const active = this.profileOf(identity);
          if (active !== 1 && active !== 2) return { error: `AuthorizationKey is the Basic-auth password of profiles 1 and 2; ${identity} is on profile ${active}` };
          // 16 to 20 random bytes, hex encoded (A00.FR.205 / 1.6 whitepaper AuthorizationKey).
          const value = typeof d.value === 'string' && d.value !== '' ? d.value : randomBytes(randomInt(16, 21)).toString('hex');
          this.pendingPasswords.set(identity, value);
          return { payload: { key: 'AuthorizationKey', value }, secret: true };
        }
        if (d.key === 'SecurityProfile') {
          const value = Number(d.value);
          const active = this.profileOf(identity);
          if (!Number.isInteger(value) || value < 0 || value > 3) return { error: 'ChangeConfiguration SecurityProfile needs a value 0 to 3' };
          if (value <= active) return { error: `the reference central system only raises the security profile (${identity} is on ${active})` };
          if (value >= 2 && !this.tlsChoice()) return { error: 'the reference central system has no TLS certificates for profile 2/3' };
          this.pendingProfiles.set(identity, value as Profile);
          return { payload: { key: 'SecurityProfile', value: String(value) } };
        }
        return undefined;
      }
      case 'ExtendedTriggerMessage': {
        const requestedMessage = str(d.requestedMessage);
        if (!requestedMessage || !EXTENDED_TRIGGERS.includes(requestedMessage)) return { error: `ExtendedTriggerMessage needs requestedMessage, one of ${EXTENDED_TRIGGERS.join(', ')}` };
        const payload: Payload = { requestedMessage };
        if (typeof d.connectorId === 'number' && Number.isInteger(d.connectorId)) payload.connectorId = d.connectorId;
        return { payload };
      }
      case 'InstallCertificate': {
        const type = str(d.certificateType);
        if (!type || !CERTIFICATE_USES.includes(type)) return { error: `InstallCertificate needs certificateType, one of ${CERTIFICATE_USES.join(', ')}` };
        if (!pki) return { error: 'the reference central system has no PKI to install certificates from' };
        if (type === 'ManufacturerRootCertificate') {
          const certificateType = this.fault('install-cert-type-swapped') ? 'CentralSystemRootCertificate' : type;
          return { payload: { certificateType, certificate: pki.artifact('manufacturer-root').certPem } };
        }
        const certificate = this.fault('install-csms-root-sends-server-cert') ? pki.artifact('csms-server-rsa').certPem : pki.csmsRoot;
        return { payload: { certificateType: type, certificate } };
      }
      case 'GetInstalledCertificateIds': {
        const type = str(d.certificateType);
        if (!type || !CERTIFICATE_USES.includes(type)) return { error: `GetInstalledCertificateIds needs certificateType, one of ${CERTIFICATE_USES.join(', ')}` };
        return { payload: { certificateType: type } };
      }
      case 'DeleteCertificate': {
        const hash = this.hashDataToDelete(identity, d);
        if ('error' in hash) return hash;
        let data = { ...hash.data };
        if (this.fault('delete-cert-issuer-hashes-swapped')) data = { ...data, issuerNameHash: hash.data.issuerKeyHash, issuerKeyHash: hash.data.issuerNameHash };
        return { payload: { certificateHashData: data } };
      }
      case 'GetLog': {
        const logType = str(d.logType) ?? 'SecurityLog';
        if (logType !== 'SecurityLog' && logType !== 'DiagnosticsLog') return { error: 'GetLog needs logType SecurityLog or DiagnosticsLog' };
        const sent = logType === 'SecurityLog' && this.fault('getlog-wrong-type') ? 'DiagnosticsLog' : logType;
        return { payload: { logType: sent, requestId: this.nextRequestId++, log: { remoteLocation: `${this.httpBase}/logs/${encodeURIComponent(identity)}/` } } };
      }
      case 'SignedUpdateFirmware': {
        if (!pki) return { error: 'the reference central system has no PKI to sign firmware with' };
        const requestId = this.nextRequestId++;
        const image = this.firmwareImage(requestId);
        const signer = this.firmwareSigner();
        const signed = this.fault('firmware-signature-over-other-bytes') ? Buffer.concat([image.bytes, Buffer.from('\n')]) : image.bytes;
        const signature = sign('sha256', signed, signer.key).toString('base64');
        const firmware: Payload = {
          location: `${this.httpBase}/firmware/fw-${requestId}.bin`,
          retrieveDateTime: new Date(this.o.clock.now()).toISOString(),
          signingCertificate: signer.certPem,
          signature,
        };
        return { payload: { requestId, firmware } };
      }
      default:
        return undefined;
    }
  }

  private hashDataToDelete(identity: string, d: Record<string, unknown>): { data: CertificateHashData } | { error: string } {
    const known = this.reported.get(identity);
    const all = known ? [...known.values()].flat() : [];
    if (typeof d.serialNumber === 'string') {
      const want = d.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
      const hit = all.find((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === want);
      if (!hit) return { error: `the charge point reported no certificate with serial number ${d.serialNumber} (ask GetInstalledCertificateIds first)` };
      return { data: hit };
    }
    const type = typeof d.certificateType === 'string' ? d.certificateType : undefined;
    if (!type || !CERTIFICATE_USES.includes(type)) return { error: 'DeleteCertificate needs serialNumber (of a reported certificate) or certificateType' };
    const ofType = known?.get(type) ?? [];
    if (ofType.length === 1) return { data: ofType[0]! };
    if (ofType.length > 1) return { error: `the charge point reported ${ofType.length} ${type}s; name one by serialNumber` };
    // Nothing reported: the certificate this central system installs for that type.
    if (!this.o.pki) return { error: 'no reported certificate and no PKI to compute hash data from' };
    const root = type === 'ManufacturerRootCertificate' ? this.o.pki.artifact('manufacturer-root').certPem : this.o.pki.csmsRoot;
    return { data: certificateHashData(root, root, 'SHA256') };
  }

  /** Registers an operator call that is on its way (see settle). */
  track(identity: string, message: string, done: Promise<unknown>): void {
    const set = this.inflight.get(identity) ?? new Set();
    const entry = { message, done: done.catch(() => undefined) };
    set.add(entry);
    this.inflight.set(identity, set);
    void entry.done.then(() => set.delete(entry));
  }

  /**
   * Before `message` is built: waits (at most `ms`) for the answers it depends on, as a back office
   * processes a charge point's answers in order (DeleteCertificate uses the listed hash data).
   */
  async settle(identity: string, message: string, ms: number): Promise<void> {
    if (message !== 'DeleteCertificate') return;
    const waits = [...(this.inflight.get(identity) ?? [])].filter((e) => e.message === 'GetInstalledCertificateIds').map((e) => e.done);
    if (waits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(waits), new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** The answer to an operator message arrived (status etc.): applies what it decides. */
  onAnswer(identity: string, message: string, request: Payload, response: Payload): void {
    if (message === 'ChangeConfiguration' && request.key === 'AuthorizationKey') {
      const next = this.pendingPasswords.get(identity);
      this.pendingPasswords.delete(identity);
      if (response.status === 'Accepted' && next !== undefined && next === request.value) {
        const old = this.passwordOf(identity);
        if (old !== undefined) this.retiredPasswords.set(identity, [...(this.retiredPasswords.get(identity) ?? []), old]);
        this.passwords.set(identity, next);
        this.log(`${identity}: new AuthorizationKey accepted; the previous password is no longer valid`);
      } else this.log(`${identity}: AuthorizationKey change answered ${response.status}; the current password stays`);
    }
    if (message === 'ChangeConfiguration' && request.key === 'SecurityProfile') {
      const p = this.pendingProfiles.get(identity);
      this.pendingProfiles.delete(identity);
      if (response.status === 'Accepted' && p !== undefined) {
        this.profiles.set(identity, p);
        this.log(`${identity}: security profile raised to ${p}; lower profiles are refused from now on`);
      }
    }
    if (message === 'GetInstalledCertificateIds' && Array.isArray(response.certificateHashData)) {
      const byType = this.reported.get(identity) ?? new Map<string, CertificateHashData[]>();
      byType.set(String(request.certificateType), response.certificateHashData as CertificateHashData[]);
      this.reported.set(identity, byType);
    }
  }

  /** A call failed (timeout, closed): drop what it would have changed. */
  onFailure(identity: string, message: string, request: Payload): void {
    if (message === 'ChangeConfiguration' && request.key === 'AuthorizationKey') this.pendingPasswords.delete(identity);
    if (message === 'ChangeConfiguration' && request.key === 'SecurityProfile') this.pendingProfiles.delete(identity);
  }

  // ---- CSMS as CA -------------------------------------------------------------------------

  /** Why a CSR cannot be signed for this charge point, or undefined (A02: the CA checks the CSR). */
  csrProblem(identity: string, csrPem: unknown): { problem: string } | { csr: ParsedCsr; pem: string } {
    if (typeof csrPem !== 'string') return { problem: 'no csr' };
    let csr: ParsedCsr;
    try {
      csr = parseCsr(csrPem);
    } catch (e) {
      return { problem: `not a PEM PKCS#10 CSR: ${(e as Error).message}` };
    }
    if (!csr.signatureValid) return { problem: 'the CSR self-signature does not verify' };
    const serial = identity === this.o.config.stationId ? stationSerialOf(this.o.config) : undefined;
    if (serial !== undefined && csr.subject.CN !== serial) return { problem: `CN ${JSON.stringify(csr.subject.CN ?? null)} is not the serial number ${JSON.stringify(serial)}` };
    const org = organizationOf(this.o.config);
    if (csr.subject.O !== org) return { problem: `O ${JSON.stringify(csr.subject.O ?? null)} is not the CSO ${JSON.stringify(org)}` };
    const k = csr.publicKey;
    const strong = (k.type === 'rsa' && (k.bits ?? 0) >= 2048) || (k.type === 'ec' && (k.bits ?? 0) >= 224);
    if (!strong) return { problem: `${k.type} key of ${k.bits ?? '?'} bits is too weak (RSA 2048+ or EC 224+)` };
    return { csr, pem: csrPem };
  }

  /** The certificate chain (leaf + station CA) for an accepted CSR. */
  issueFor(csrPem: string): string {
    if (!this.o.pki) throw new SecurityError16('no PKI to sign with');
    return this.o.pki.issueForCsr(csrPem, this.fault('certificate-signed-other-key') ? 'other-key' : 'valid');
  }

  // ---- security events and status notifications -------------------------------------------

  /** How to answer a SecurityEventNotification: {} or a CALLERROR reason, or 'ignore'. */
  securityEvent(type: unknown): { ok: true } | { error: string } | 'ignore' {
    const name = String(type);
    const known16 = securityEventNames('1.6');
    if (this.fault('security-event-201-names-only') && !securityEventNames('2.0.1').includes(name)) return { error: `unknown security event ${name}` };
    if (this.fault('security-event-noncritical-ignored') && known16.includes(name) && !CRITICAL_EVENTS.includes(name)) return 'ignore';
    // Proprietary types are acknowledged too (the standard name SHALL be used when one fits).
    this.log(`security event ${name}${known16.includes(name) ? '' : ' (not a whitepaper name)'}`);
    return { ok: true };
  }

  /** Whether a SignedFirmwareStatusNotification status is refused (fault only). */
  refusesFirmwareStatus(status: unknown): boolean {
    return this.fault('signed-fw-status-legacy-enum') && !LEGACY_FIRMWARE_STATUSES.includes(String(status));
  }

  // ---- firmware and log HTTP service ------------------------------------------------------

  private firmwareImage(requestId: number): FirmwareImage {
    const bytes = Buffer.concat([Buffer.from(`ocpp-harness reference firmware, request ${requestId}\n`), randomBytes(4096)]);
    const image = { bytes };
    this.firmware.set(requestId, image);
    return image;
  }

  /** A firmware signing certificate issued by the manufacturer root (L01: no intermediates). */
  private firmwareSigner(): { certPem: string; key: KeyObject } {
    if (this.signer) return this.signer;
    const pki = this.o.pki!;
    const root = pki.artifact('manufacturer-root');
    const rootParts = certParts(root.certPem);
    const ski = rootParts.extensions.get(OID.subjectKeyIdentifier);
    const keyId = ski ? content(ski, readTlv(ski)) : keyIdentifier(new X509Certificate(root.certPem).publicKey);
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const now = this.o.clock.now();
    const certPem = issueCertificate({
      subject: { CN: 'OCPP Harness Firmware Signing', O: 'OCPP Harness Manufacturer' },
      publicKey: pair.publicKey,
      issuer: { name: slice(rootParts.der, rootParts.subject), privateKey: createPrivateKey(root.keyPem), keyId },
      serial: randomSerial(),
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + 365 * DAY_MS),
      ca: false,
      keyUsage: ['digitalSignature'],
      extKeyUsage: ['codeSigning'],
      subjectKeyId: keyIdentifier(pair.publicKey),
    });
    this.signer = { certPem, key: pair.privateKey };
    return this.signer;
  }

  /** Serves GET /firmware/fw-N.bin and takes log uploads (PUT/POST under /logs/, at most 1 MiB). */
  onHttp(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0]!;
    const fw = /^\/firmware\/fw-(\d+)\.bin$/.exec(path);
    if (fw && (req.method === 'GET' || req.method === 'HEAD')) {
      const image = this.firmware.get(Number(fw[1]));
      if (!image) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no such firmware\n');
        return true;
      }
      this.log(`firmware ${path} downloaded`);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(image.bytes.length) });
      res.end(req.method === 'HEAD' ? undefined : image.bytes);
      return true;
    }
    if (path.startsWith('/logs/') && (req.method === 'PUT' || req.method === 'POST')) {
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 1024 * 1024) req.destroy();
      });
      req.on('end', () => {
        this.log(`log upload ${path} (${size} bytes)`);
        res.writeHead(201, { 'content-type': 'text/plain' });
        res.end('stored\n');
      });
      return true;
    }
    return false;
  }
}
