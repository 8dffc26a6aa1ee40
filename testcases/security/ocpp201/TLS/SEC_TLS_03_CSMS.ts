import { defineCase } from '../../../../src/dsl.js';
import { describeProbe } from '../../../../src/kit/index.js';

/** Suite families no OCPP party may use (A00.FR.320: NULL, EXPORT, RC4, DES/3DES, anonymous). */
const FORBIDDEN: [string, string[]][] = [
  ['NULL encryption', ['TLS_RSA_WITH_NULL_SHA', 'TLS_RSA_WITH_NULL_SHA256']],
  ['EXPORT suites', ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA']],
  ['RC4', ['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_RC4_128_MD5']],
  ['DES and 3DES', ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_DES_CBC_SHA']],
  [
    'anonymous key exchange',
    ['TLS_DH_anon_WITH_AES_128_CBC_SHA', 'TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA'],
  ],
];
/** Legacy suites (CBC with SHA-1): not forbidden, but a CSMS should not need them. */
const LEGACY = [
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
];

export default defineCase(
  {
    id: 'SEC_TLS_03_CSMS',
    title: 'A station offering only weak cipher suites gets no TLS session',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-03',
    severity: 'high',
    cwe: 'CWE-327',
    securityProfiles: [2, 3],
    requirements: ['A00.FR.320', 'A00.FR.423', 'A00.FR.322'],
    purpose:
      'ClientHellos (TLS 1.2) that offer only NULL-encryption, EXPORT, RC4, DES/3DES or anonymous suites are refused with a handshake failure and never answered with a ServerHello; a hello offering only CBC suites with SHA-1 should be refused as well.',
    hint: 'Restrict the server cipher list to the OCPP suites (and TLS 1.3); never enable aNULL, eNULL, EXPORT, RC4 or 3DES, even at a low OpenSSL security level.',
    fault: 'weak-cipher-suites-accepted',
  },
  async (ctx) => {
    const { station } = ctx;
    const requirement = ctx.securityProfile === 2 ? 'A00.FR.320' : 'A00.FR.423';
    for (const [what, suites] of FORBIDDEN) {
      ctx.step(`A ClientHello offering only ${what}: no ServerHello`);
      const r = await station.probeTls({ version: 'TLSv1.2', suites });
      ctx.note(`${what}: ${describeProbe(r)}`);
      ctx.check(r.kind !== 'server-hello', requirement, `no session with ${what}`, describeProbe(r));
      if (r.kind !== 'alert') ctx.nonStrict('A00.FR.322', `${what}: ${describeProbe(r)}; a handshake_failure alert is the expected answer`);
    }

    ctx.step('A ClientHello offering only CBC suites with SHA-1 should be refused');
    const r = await station.probeTls({ version: 'TLSv1.2', suites: LEGACY });
    ctx.note(`CBC-SHA1: ${describeProbe(r)}`);
    if (r.kind === 'server-hello') ctx.nonStrict('A00.FR.322', `the CSMS accepted the legacy suite ${r.suite}`);

    ctx.step('A normal TLS connection still works');
    const dial = await station.tryConnect();
    ctx.check(dial.ok, requirement, 'the CSMS accepts a connection with the OCPP suites', dial.ok ? '' : dial.error);
  },
);
