import { check, defineCase } from '../../../src/dsl.js';
import { sameHashData, type CertificateHashData, hashDataOfCert } from '../../../src/kit/index.js';

const TYPE = 'ManufacturerRootCertificate';

export default defineCase(
  {
    id: 'TC_076_CSMS',
    title: 'Delete a specific certificate from the Charge Point',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['SECWP16-M04.FR.01', 'SECWP16-M04.FR.07', 'SECWP16-M03.FR.01'],
    purpose:
      'The central system learns the installed manufacturer roots from GetInstalledCertificateIds (the charge point reports two) and, when the operator removes one of them, sends DeleteCertificate whose certificateHashData is exactly the record the charge point reported for it: same hash algorithm, issuer name hash, issuer key hash and serial number.',
    features: ['Security.CertificateManagement'],
    fault: 'delete-cert-issuer-hashes-swapped',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    await ctx.given('Booted');
    const keep = hashDataOfCert(pki.artifact('unknown-ca').certPem);
    const remove = hashDataOfCert(pki.artifact('manufacturer-root').certPem);
    const reported: CertificateHashData[] = [remove, keep];

    ctx.step(
      `The operator lists the installed ${TYPE}s: the central system sends GetInstalledCertificateIds and the charge point reports two`,
    );
    await ctx.manual(
      'csmsSend',
      { message: 'GetInstalledCertificateIds', stationId: config.stationId, certificateType: TYPE },
      `Make the central system ask ${config.stationId} for its installed ${TYPE}s (GetInstalledCertificateIds).`,
    );
    const list = await station.expectCall('GetInstalledCertificateIds', { requirement: 'SECWP16-M03.FR.01' });
    check(
      list.payload.certificateType === TYPE,
      'SECWP16-M03.FR.01',
      `certificateType = ${TYPE}`,
      `certificateType = ${JSON.stringify(list.payload.certificateType)}`,
    );
    await station.reply(list, { status: 'Accepted', certificateHashData: reported });

    ctx.step(`The operator deletes the certificate with serial number ${remove.serialNumber}: the central system sends DeleteCertificate`);
    await ctx.manual(
      'csmsSend',
      { message: 'DeleteCertificate', stationId: config.stationId, serialNumber: remove.serialNumber },
      `Make the central system delete the ${TYPE} with serial number ${remove.serialNumber} from ${config.stationId} (DeleteCertificate).`,
    );
    const del = await station.expectCall('DeleteCertificate', { requirement: 'SECWP16-M04.FR.01' });
    const sent = del.payload.certificateHashData as CertificateHashData;
    check(
      sent?.hashAlgorithm === remove.hashAlgorithm,
      'SECWP16-M04.FR.07',
      `hashAlgorithm = ${remove.hashAlgorithm}, as reported`,
      `hashAlgorithm = ${JSON.stringify(sent?.hashAlgorithm)}`,
    );
    check(
      sameHashData(sent, remove),
      'SECWP16-M04.FR.01',
      'certificateHashData equal to the record reported for that certificate',
      JSON.stringify(sent),
    );

    ctx.step('The charge point deletes the certificate and answers Accepted');
    await station.reply(del, { status: 'Accepted' });
  },
);
