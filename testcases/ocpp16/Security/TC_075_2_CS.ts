import { randomBytes } from 'node:crypto';
import { defineCase } from '../../../src/dsl.js';
import { certificateHashData, sameHashData, type HashAlgorithm } from '../../../src/pki/test-pki.js';
import { answerSecurityMessages16, freshRootCertificate, hashDataText, installedCertificateIds16 } from '../../../src/states/v16-cs.js';

const TYPE = 'CentralSystemRootCertificate';

export default defineCase(
  {
    id: 'TC_075_2_CS',
    title: 'Install a certificate on the Charge Point - CentralSystemRootCertificate',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['M03.FR.01', 'M05.FR.01', 'M04.FR.01'],
    purpose:
      'The central system installs an additional CentralSystemRootCertificate with InstallCertificate. The charge point stores it and lists it in GetInstalledCertificateIds with RFC 6960 hash data: the issuer key hash covers the public key bits only, the serial number is hex without leading zeros; the harness recomputes all three values.',
    fault: 'cert-hash-over-whole-spki',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const root = freshRootCertificate(`ocpp-harness TC_075_2_CS ${randomBytes(4).toString('hex')}`, ctx.organization);
    const expected = certificateHashData(root, root, 'SHA256');

    ctx.step(`The harness installs a new root certificate as ${TYPE}; the charge point accepts it`);
    const res = await csms.call('InstallCertificate', { certificateType: TYPE, certificate: root }, { requirement: 'M05.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'M05.FR.01', 'InstallCertificate.conf status');

    ctx.step(`GetInstalledCertificateIds(${TYPE}) lists the new certificate with RFC 6960 hash data the harness recomputes`);
    const ids = await installedCertificateIds16(ctx, TYPE, 'M03.FR.01');
    const sameSerial = ids.filter((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === expected.serialNumber);
    ctx.check(sameSerial.length > 0, 'M05.FR.01', `an entry with serial number ${expected.serialNumber} (the installed certificate)`, ids.length ? ids.map(hashDataText).join('; ') : 'no certificates of this type');
    const match = sameSerial.find((h) => sameHashData(h, certificateHashData(root, root, h.hashAlgorithm as HashAlgorithm)));
    ctx.check(
      match !== undefined,
      'M03.FR.01',
      `hash data of the installed certificate as RFC 6960 defines it: ${hashDataText(certificateHashData(root, root, (sameSerial[0]!.hashAlgorithm as HashAlgorithm) ?? 'SHA256'))}`,
      sameSerial.map(hashDataText).join('; '),
    );
    ctx.note(`listed as ${hashDataText(match!)}`);

    ctx.step('The harness removes the certificate it installed again');
    const del = await csms.call('DeleteCertificate', { certificateHashData: match ?? expected }, { requirement: 'M04.FR.01' });
    if (del.status !== 'Accepted') ctx.note(`DeleteCertificate answered ${del.status}: the test certificate stays installed`);
  },
);
