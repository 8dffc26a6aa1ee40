import { defineCase } from '../../../../src/dsl.js';
import { inspectCertificate, auditCertificate } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_TLS_05_CSMS',
    title: 'The CSMS server certificate meets the OCPP certificate rules',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-05',
    severity: 'high',
    cwe: 'CWE-295',
    securityProfiles: [2, 3],
    requirements: [
      'A00.FR.503',
      'A00.FR.411',
      'A00.FR.501',
      'A00.FR.502',
      'A00.FR.504',
      'A00.FR.505',
      'A00.FR.506',
      'A00.FR.507',
      'A00.FR.512',
    ],
    purpose:
      'The certificate the CSMS presents chains to the CSMS root, names the host the station dials (CN or SAN, no wildcard), is valid now, is not a CA, has an RSA key of at least 2048 bits or an EC key of at least 224 bits, is signed with SHA-256 or better and has a serial number; its validity period is reported, since a validity of at most 24 hours (fast expiration instead of revocation) is recommended.',
    hint: 'Issue the CSMS server certificate from the CSO root with CN = the CSMS host name, a 2048+ bit RSA or P-256+ EC key and SHA-256; renew it often instead of relying on revocation.',
    fault: 'server-cert-weak-key',
  },
  async (ctx) => {
    const { station, pki } = ctx;
    const host = new URL(station.target).hostname.replace(/^\[|\]$/g, '');

    ctx.step('The station connects and reads the server certificate chain (judged here, not by the TLS library)');
    const dial = await station.tryConnect({ tls: { ...station.tlsOptions({}), rejectUnauthorized: false } });
    ctx.check(dial.ok, 'A00.FR.411', 'a TLS connection to the CSMS', dial.ok ? '' : dial.error);
    const chain = station.serverCertificateChain();
    ctx.check(chain.length > 0, 'A00.FR.411', 'the CSMS presents a certificate', 'no certificate');

    ctx.step(`The leaf certificate is audited for host ${host}`);
    const problems = auditCertificate(chain[0]!, {
      role: 'csms-server',
      commonName: host,
      trust: [...chain.slice(1), pki.csmsRoot],
      now: new Date(ctx.clock.now()),
    });
    for (const p of problems) ctx.check(false, p.requirement, 'a server certificate meeting the OCPP certificate rules', p.problem);

    ctx.step('Its validity period is reported (advisory: fast expiration)');
    const info = inspectCertificate(chain[0]!);
    const hours = (info.notAfter.getTime() - info.notBefore.getTime()) / 3_600_000;
    // Advisory only: a lab PKI issues long-lived certificates; A00.FR.701 recommends < 24 h in production.
    ctx.note(
      `advisory (A00.FR.701): the server certificate is valid for ${hours > 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours)} hours`}${hours > 24 ? '; fast expiration (at most 24 hours) is recommended instead of revocation' : ''}`,
    );
  },
);
