import { defineCase } from '../../../../src/dsl.js';
import { inspectCertificate, clientTlsSession } from '../../../../src/kit/index.js';

/** The four TLS 1.2 suites a CSMS must support (A00.FR.318): OpenSSL name, IANA name, certificate key type. */
const SUITES: [string, string, 'ec' | 'rsa'][] = [
  ['ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ec'],
  ['ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ec'],
  ['AES128-GCM-SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'rsa'],
  ['AES256-GCM-SHA384', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'rsa'],
];

export default defineCase(
  {
    id: 'SEC_TLS_01_CSMS',
    title: 'The CSMS negotiates each of the four OCPP TLS 1.2 cipher suites',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-01',
    severity: 'high',
    cwe: 'CWE-327',
    securityProfiles: [2, 3],
    requirements: ['A00.FR.318', 'A00.FR.421'],
    purpose:
      'A station limited to TLS 1.2 and to one of the four suites OCPP requires of a CSMS (ECDHE-ECDSA with AES-128/256-GCM, RSA key exchange with AES-128/256-GCM) connects in each case, and the CSMS presents an EC certificate for the ECDSA suites and an RSA certificate for the RSA suites. A station that supports only one of the two families can then always connect.',
    hint: 'Configure both an RSA and an ECDSA server certificate and enable all four suites for TLS 1.2 (not only TLS 1.3 or ECDHE-RSA suites).',
    fault: 'ecdsa-certificate-missing',
  },
  async (ctx) => {
    const { station } = ctx;
    const requirement = ctx.securityProfile === 2 ? 'A00.FR.318' : 'A00.FR.421';
    for (const [openssl, iana, keyType] of SUITES) {
      ctx.step(`The station offers only TLS 1.2 with ${iana}: the CSMS accepts with an ${keyType === 'ec' ? 'EC' : 'RSA'} certificate`);
      const dial = await station.tryConnect({ tls: station.tlsOptions({ maxVersion: 'TLSv1.2', ciphers: openssl }) });
      ctx.check(dial.ok, requirement, `a TLS 1.2 connection with ${iana}`, dial.ok ? '' : dial.error);
      const session = clientTlsSession(dial.ok ? dial.conn : undefined);
      ctx.check(
        session?.protocol === 'TLSv1.2' && session.cipher === iana,
        requirement,
        `TLSv1.2 ${iana}`,
        `${session?.protocol} ${session?.cipher}`,
      );
      const leaf = station.serverCertificateChain()[0];
      const key = leaf ? inspectCertificate(leaf).keyType : 'none';
      ctx.check(key === keyType, requirement, `an ${keyType.toUpperCase()} server certificate for ${iana}`, `a ${key} certificate`);
      if (dial.ok) dial.conn.close(1000, 'suite checked');
    }
  },
);
