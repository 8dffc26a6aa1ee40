import { defineCase } from '../../../../src/dsl.js';
import { createCsr, callArrivedOn } from '../../../../src/kit/index.js';

/** A CSR whose signature no longer matches its content (one bit of the signature flipped). */
function brokenSignature(csrPem: string): string {
  const der = Buffer.from(csrPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  der[der.length - 1]! ^= 0x01;
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE REQUEST-----\n`;
}

export default defineCase(
  {
    id: 'SEC_CERT_06_CSMS',
    title: 'The CSMS as CA refuses CSRs it must not sign',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'CERT',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-CERT-06',
    severity: 'critical',
    cwe: 'CWE-295',
    requirements: ['SEC-CERT-06', 'A00.FR.405', 'A00.FR.404', 'A00.FR.503', 'A02.FR.11'],
    purpose:
      "A station's SignCertificate is Rejected, and no certificate follows, when the CSR names another station's serial number as CN, another organisation as O, carries an RSA key of 1024 bits, or its self-signature does not verify: a CSMS that signed them would hand out certificates for identities the requester does not own or keys it does not hold.",
    hint: 'Before forwarding a CSR to the CA, check its self-signature, that CN is the serial number registered for the connected station and O the CSO name, and the key strength; reject anything else.',
    fault: 'csr-subject-unchecked',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const conn = station.connection!;
    const variants: [string, () => string][] = [
      [
        `CN = another station's serial (OTHER-${ctx.serialNumber})`,
        () => createCsr({ commonName: `OTHER-${ctx.serialNumber}`.slice(0, 64), org: ctx.organization, keyType: 'ec' }).csrPem,
      ],
      ['O = another organisation', () => createCsr({ commonName: ctx.serialNumber, org: 'Another CSO Ltd', keyType: 'ec' }).csrPem],
      [
        'a 1024-bit RSA key',
        () => createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'rsa', rsaBits: 1024 }).csrPem,
      ],
      [
        'a self-signature that does not verify',
        () => brokenSignature(createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' }).csrPem),
      ],
    ];
    for (const [what, make] of variants) {
      ctx.step(`SignCertificate with a CSR with ${what}: Rejected, no certificate`);
      const res = await station.call(
        'SignCertificate',
        { csr: make(), certificateType: 'ChargingStationCertificate' },
        { requirement: 'A02.FR.11' },
      );
      if (res.status === 'Rejected') continue;
      const issued = await callArrivedOn(ctx, conn, 'CertificateSigned', config.timeouts.silenceMs);
      if (issued) {
        await conn.send(JSON.stringify([3, (issued.frame as { messageId: string }).messageId, { status: 'Rejected' }]));
        ctx.evidence(`SignCertificate with a CSR with ${what}`);
      }
      ctx.check(
        issued === undefined,
        'SEC-CERT-06',
        `no certificate for a CSR with ${what}`,
        'CertificateSigned: the CSMS issued a certificate for it',
      );
      ctx.nonStrict(
        'SEC-CERT-06',
        `the CSR with ${what} was Accepted (no certificate followed within ${config.timeouts.silenceMs} ms); Rejected tells the station at once`,
      );
    }
  },
);
