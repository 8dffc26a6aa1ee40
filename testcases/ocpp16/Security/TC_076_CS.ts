import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import {
  certificateHashData,
  answerSecurityMessages16,
  freshRootCertificate,
  hashDataText,
  installedCertificateIds16,
  removeAfterCase16,
} from '../../../src/kit/index.js';

const TYPE = 'CentralSystemRootCertificate';

export default defineCase(
  {
    id: 'TC_076_CS',
    title: 'Delete a specific certificate from the Charge Point',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-M04.FR.01', 'SECWP16-M04.FR.02', 'SECWP16-M05.FR.01'],
    purpose:
      "The central system removes one certificate from the charge point with DeleteCertificate, naming it by its RFC 6960 hash data. The charge point deletes it and answers Accepted; afterwards GetInstalledCertificateIds no longer lists it and deleting it a second time is answered NotFound. The certificate deleted is an extra root the harness installs first, so the charge point's own roots stay untouched.",
    features: ['Security.CertificateManagement'],
    fault: 'delete-certificate-not-removed',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const root = freshRootCertificate(`ocpp-harness TC_076 ${randomBytes(4).toString('hex')}`, ctx.organization);
    const hash = certificateHashData(root, root, 'SHA256');

    ctx.step(`Setup: the harness installs an extra ${TYPE}`);
    const inst = await csms.call('InstallCertificate', { certificateType: TYPE, certificate: root }, { requirement: 'SECWP16-M05.FR.01' });
    // Removed at case end if the case does not get to delete it (a post-condition).
    if (inst.status === 'Accepted') removeAfterCase16(ctx, TYPE, root);
    ctx.expectOneOf(inst.status, ['Accepted'], 'SECWP16-M05.FR.01', 'InstallCertificate.conf status');

    ctx.step('The harness deletes it with DeleteCertificate; the charge point answers Accepted');
    const del = await csms.call('DeleteCertificate', { certificateHashData: hash }, { requirement: 'SECWP16-M04.FR.01' });
    ctx.expectOneOf(del.status, ['Accepted'], 'SECWP16-M04.FR.01', 'DeleteCertificate.conf status');

    ctx.step(`GetInstalledCertificateIds(${TYPE}) no longer lists it`);
    const ids = await installedCertificateIds16(ctx, TYPE, 'SECWP16-M04.FR.01');
    const still = ids.filter((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === hash.serialNumber);
    check(
      still.length === 0,
      'SECWP16-M04.FR.01',
      `no entry with serial number ${hash.serialNumber} after the delete`,
      still.map(hashDataText).join('; '),
    );

    ctx.step('Deleting it again is answered NotFound');
    const again = await csms.call('DeleteCertificate', { certificateHashData: hash }, { requirement: 'SECWP16-M04.FR.02' });
    ctx.expectOneOf(
      again.status,
      ['NotFound'],
      'SECWP16-M04.FR.02',
      'DeleteCertificate.conf status for a certificate that is not installed',
    );
  },
);
