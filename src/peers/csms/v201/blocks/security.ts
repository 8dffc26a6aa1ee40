import { X509Certificate } from 'node:crypto';
import { organizationOf } from '../../../../core/config.js';
import type { SecurityProfile } from '../../../../core/meta.js';
import { securityEventNames } from '../../../../protocol/security-events.js';
import { splitPemChain } from '../../../../pki/test-pki.js';
import type { TlsChoice } from '../../../../transport/dual-listener.js';
import { OCPP_CIPHERS } from '../../../../transport/tls.js';
import { RpcError, type Payload } from '../../../rpc.js';
import type { Admission, UpgradeRequest, UpgradeTls } from '../connection.js';
import { csrProblems, newBasicAuthPassword } from '../security.js';
import type { CsmsBlock, CsmsContext, StationState } from '../state.js';
import { isResend, markedResend } from './payload.js';

/**
 * Security (A): the security profiles of a connection (A00), Basic-auth password rotation (A01),
 * the CSMS as CA (A02/A03), security events (A04) and the profile upgrade (A05). The policies
 * themselves (password alphabet, CSR checks, TLS material) are in ../security.ts.
 */

/**
 * TLS for one incoming connection: TLS 1.2+, the four OCPP suites (plus TLS 1.3) with the RSA
 * and the ECDSA certificate; a client certificate is asked for while any station is (or is
 * moving to) profile 3. Undefined (no PKI) refuses TLS.
 */
export function tlsChoice(ctx: CsmsContext): TlsChoice | undefined {
  const m = ctx.tlsMaterial;
  if (!m) return undefined;
  const pki = ctx.o.pki;
  const faults = ctx.faults;
  let certs = m.server;
  if (faults.has('ecdsa-certificate-missing')) certs = certs.slice(0, 1);
  if (faults.has('server-cert-untrusted') && pki) certs = [pki.artifact('csms-server-unknown-issuer')];
  if (faults.has('server-cert-weak-key') && pki) certs = [pki.artifact('csms-server-weak-key')];
  const legacy = faults.has('legacy-tls-accepted');
  const weak = faults.has('weak-cipher-suites-accepted');
  const extra = [legacy ? 'AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA' : '', weak ? 'aNULL:eNULL' : ''].filter(
    Boolean,
  );
  const lowered = legacy || weak || faults.has('server-cert-weak-key');
  const requestCert =
    !faults.has('client-cert-not-requested') && [...ctx.stations.values()].some((st) => st.profile === 3 || st.pendingProfile === 3);
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
export function checkSecurity(ctx: CsmsContext, identity: string, st: StationState, r: UpgradeRequest): Admission | undefined {
  const accepted = new Set<SecurityProfile>([st.profile]);
  if (st.pendingProfile !== undefined) accepted.add(st.pendingProfile);
  if (ctx.faults.has('lower-profile-accepted-after-upgrade')) for (const p of st.formerProfiles) accepted.add(p);
  const wrong = (used: string): Admission => ({
    refuse: 403,
    reason: `station registered with security profile ${[...accepted].join(' or ')} connected with ${used}`,
  });
  let profile: SecurityProfile;
  if (!r.tls) {
    if (accepted.has(1)) profile = 1;
    else if (accepted.has(0)) profile = 0;
    else if (ctx.faults.has('plain-ws-accepted-for-tls-station')) profile = st.password !== undefined ? 1 : 0;
    else return wrong('plain ws:// (profile 0/1)');
  } else {
    const presented = r.tls.clientCert?.subjectCN !== undefined || r.tls.clientFingerprint !== undefined;
    if (accepted.has(3) && (presented || !accepted.has(2))) profile = 3;
    else if (accepted.has(2)) profile = 2;
    else return wrong('TLS (profile 2/3)');
  }
  if (profile === 3) {
    const problem = clientCertProblem(ctx, st, r.tls!);
    if (problem) return { refuse: 401, reason: problem };
  } else if (profile === 1 || profile === 2) {
    const problem = basicAuthProblem(ctx, identity, st, r.authorization);
    if (problem) return problem;
  }
  if (profile === st.pendingProfile && profile !== st.profile) {
    ctx.log(`${identity}: now on security profile ${profile} (was ${st.profile})`);
    st.formerProfiles.push(st.profile);
    st.profile = profile;
    st.pendingProfile = undefined;
  }
  return undefined;
}

/** Profile 3: a verified certificate with CN = the station's serial and O = the CSO (A00.FR.403-407). */
function clientCertProblem(ctx: CsmsContext, st: StationState, t: UpgradeTls): string | undefined {
  const c = t.clientCert;
  if (!c || (c.subjectCN === undefined && t.clientFingerprint === undefined)) return 'security profile 3: a client certificate is required';
  if (!c.authorized) return `security profile 3: the client certificate does not verify (${c.authorizationError ?? 'not verified'})`;
  if (!ctx.faults.has('client-cert-cn-unchecked') && c.subjectCN !== st.serial)
    return 'security profile 3: the certificate CN is not the serial number of this station';
  if (c.subjectO !== organizationOf(ctx.o.config)) return 'security profile 3: the certificate O is not the CSO organisation';
  if (st.onlyCertificate && t.clientFingerprint !== st.onlyCertificate)
    return 'security profile 3: not the certificate most recently issued to this station';
  return undefined;
}

/** Profiles 1/2: HTTP Basic with user = identity and the station's password (A00.FR.202-204). */
function basicAuthProblem(ctx: CsmsContext, identity: string, st: StationState, header: string | undefined): Admission | undefined {
  const password = st.password;
  if (password === undefined) return undefined;
  const faults = ctx.faults;
  const unauthorized = (reason: string): Admission => ({
    refuse: 401,
    reason,
    headers: { 'WWW-Authenticate': 'Basic realm="OCPP", charset="UTF-8"' },
  });
  if (header === undefined) return faults.has('missing-credentials-accepted') ? undefined : unauthorized('valid credentials required');
  const m = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!m) return unauthorized('valid credentials required');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0)
    return faults.has('malformed-basic-header-500')
      ? { refuse: 500, reason: 'internal server error' }
      : unauthorized('valid credentials required');
  const user = decoded.slice(0, colon);
  const given = decoded.slice(colon + 1);
  if (user !== identity && !faults.has('basic-auth-user-unchecked')) return unauthorized('valid credentials required');
  const stored = faults.has('basic-auth-password-max-20') ? password.slice(0, 20) : password;
  const ok =
    given === stored ||
    faults.has('basic-auth-password-unchecked') ||
    (faults.has('old-password-kept-after-update') && st.formerPasswords.includes(given));
  return ok ? undefined : unauthorized('valid credentials required');
}

const isPasswordVariable = (component: unknown, variable: unknown) => component === 'SecurityCtrlr' && variable === 'BasicAuthPassword';

/** A01: a BasicAuthPassword the operator sets without a value is a new random password the CSMS chooses. */
export function generatePasswords(variables: Payload[]): Payload[] {
  return variables.map((v) =>
    isPasswordVariable(v.component, v.variable) && v.value === undefined ? { ...v, value: newBasicAuthPassword() } : v,
  );
}

/** Fault password-switched-before-answer: the new password counts from the moment it is sent. */
export function switchPasswordOnSend(ctx: CsmsContext, st: StationState, variables: Payload[]): void {
  if (!ctx.faults.has('password-switched-before-answer')) return;
  const pw = variables.find((v) => isPasswordVariable(v.component, v.variable));
  if (pw && st.password !== undefined) {
    st.formerPasswords.push(st.password);
    st.password = String(pw.value);
  }
}

/**
 * SignCertificate (A02/A03): the CSMS is the CA. A CSR with a valid self-signature, CN = the
 * station's serial, O = the CSO and a strong key is Accepted and answered shortly after with
 * CertificateSigned (leaf + station CA); anything else is Rejected and nothing is issued.
 */
function signCertificate(ctx: CsmsContext, p: Payload, identity: string, st: StationState): { answer: Payload; chain?: string } {
  const pki = ctx.o.pki;
  const type = (p.certificateType as string | undefined) ?? 'ChargingStationCertificate';
  const rejected = (reasonCode: string, additionalInfo: string) => ({
    answer: { status: 'Rejected', statusInfo: { reasonCode, additionalInfo } },
  });
  if (!pki) return rejected('NoCA', 'this CSMS has no CA configured');
  if (type !== 'ChargingStationCertificate' && type !== 'V2GCertificate')
    return rejected('UnsupportedType', `${type} is not a certificate this CSMS signs`);
  const problems = csrProblems(p.csr, {
    serial: st.serial,
    organization: organizationOf(ctx.o.config),
    skipSubject: ctx.faults.has('csr-subject-unchecked'),
  });
  if (problems.length) {
    ctx.log(`SignCertificate from ${identity} rejected: ${problems.join('; ')}`);
    return rejected('InvalidCSR', problems[0]!.slice(0, 512));
  }
  const variant = ctx.faults.has('certificate-signed-other-key')
    ? 'other-key'
    : ctx.faults.has('issued-cert-not-yet-valid')
      ? 'not-yet-valid'
      : 'valid';
  // The V2G (ISO 15118) certificate chains to the V2G root, not to the CSMS's station CA.
  const chain = pki.issueForCsr(p.csr as string, variant, type === 'V2GCertificate' ? { issuer: 'v2g-root' } : {});
  if (type === 'ChargingStationCertificate' && ctx.faults.has('old-client-cert-revoked-on-issue'))
    st.onlyCertificate = new X509Certificate(splitPemChain(chain)[0]!).fingerprint256;
  return { answer: { status: 'Accepted' }, chain };
}

export const security: CsmsBlock = {
  inbound: {
    SecurityEventNotification: (ctx, p, { session }) => {
      const standard = securityEventNames(ctx.o.version).includes(p.type);
      if (!standard && ctx.faults.has('securityevent-proprietary-rejected'))
        throw new RpcError('PropertyConstraintViolation', `unknown security event type ${String(p.type).slice(0, 50)}`);
      ctx.log(
        `security event ${p.type} from ${session.identity}${p.techInfo ? ` (${String(p.techInfo).length} characters of techInfo)` : ''}`,
      );
      return {};
    },
    SignCertificate: (ctx, p, { session, station }) => {
      const { answer, chain } = signCertificate(ctx, p, session.identity, station);
      if (chain !== undefined) {
        const type = (p.certificateType as string | undefined) ?? 'ChargingStationCertificate';
        // The answer goes out first; the signed certificate follows (A02: a separate CertificateSigned).
        setTimeout(() => {
          if (ctx.stopped || session.rpc.closed) return;
          ctx.log(`CertificateSigned to ${session.identity}`);
          const certificateType =
            type === 'V2GCertificate' && ctx.faults.has('v2g-certificate-signed-as-station-type') ? 'ChargingStationCertificate' : type;
          ctx.send(session, 'CertificateSigned', { certificateChain: chain, certificateType });
        }, 50);
      }
      return answer;
    },
  },

  requests: {
    SetNetworkProfile: (ctx, p, st) => {
      const sp = (p.securityProfile as SecurityProfile | undefined) ?? (Math.min(3, st.profile + 1) as SecurityProfile);
      if (sp < st.profile) return `the reference CSMS does not lower a station's security profile (${st.profile} to ${sp})`;
      if (sp >= 2 && !ctx.tlsMaterial) return 'the reference CSMS has no TLS certificates for profile 2/3';
      const base = ctx.url.replace(/^wss?:/, sp >= 2 ? 'wss:' : 'ws:');
      return {
        configurationSlot: ctx.faults.has('networkprofile-slot-ignored') ? 1 : (p.configurationSlot ?? 1),
        connectionData: {
          ocppVersion: 'OCPP20',
          ocppTransport: 'JSON',
          ocppCsmsUrl: base,
          messageTimeout: Math.max(1, Math.ceil(ctx.o.config.timeouts.messageMs / 1000)),
          securityProfile: sp,
          ocppInterface: 'Wired0',
        },
      };
    },
  },

  responses: {
    SetVariables: (ctx, s, request, res) => {
      // A01: the new password counts from the station's Accepted on (A01.FR.03); Rejected keeps the old one (A01.FR.04).
      const st = ctx.station(s.identity);
      const data = (request.setVariableData ?? []) as Payload[];
      const results = (res.setVariableResult ?? []) as Payload[];
      for (const d of data) {
        if (!isPasswordVariable(d.component?.name, d.variable?.name)) continue;
        const result = results.find((x) => isPasswordVariable(x.component?.name, x.variable?.name));
        const status = result?.attributeStatus;
        ctx.log(`${s.identity} answered the BasicAuthPassword change ${status ?? '(no result)'}`);
        if ((status === 'Accepted' || status === 'RebootRequired') && st.password !== d.attributeValue) {
          if (st.password !== undefined) st.formerPasswords.push(st.password);
          st.password = d.attributeValue;
        }
      }
    },
    SetNetworkProfile: (ctx, s, request, res) => {
      // Failed is final: the station could not store the profile (B09).
      if (res.status === 'Failed' && ctx.faults.has('networkprofile-failed-resent') && !isResend(request))
        ctx.send(s, 'SetNetworkProfile', markedResend(request));
      if (res.status !== 'Accepted') return;
      const st = ctx.station(s.identity);
      const sp = request.connectionData?.securityProfile as SecurityProfile;
      if (sp > st.profile) {
        st.pendingProfile = sp;
        ctx.log(`${s.identity} accepted security profile ${sp}; it is accepted on profile ${st.profile} or ${sp} until it uses ${sp}`);
      }
    },
    CertificateSigned: (ctx, s, _request, res) => ctx.log(`${s.identity} answered CertificateSigned ${res.status}`),
  },
};
