import { check, defineCase, present } from '../../../src/dsl.js';
import {
  sameHashData,
  type CertificateHashData,
  expectGetInstalledCertificateIds,
  installedCertificateChain,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_20_CSMS',
    title: 'Delete a certificate from a Charging Station - Success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M04.FR.01', 'M04.FR.07', 'M03.FR.01'],
    purpose:
      "After reading the station's installed certificates, the CSMS deletes the manufacturer root with DeleteCertificate whose certificateHashData is exactly what the station reported for it (same hash algorithm, issuer name and key hashes, serial number).",
    fault: 'deletecert-hash-sha384',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The CSMS reads the installed certificates');
    const get = await expectGetInstalledCertificateIds(ctx, undefined, 'M03.FR.01');
    const chain = installedCertificateChain(ctx, undefined);
    await station.reply(get, { status: 'Accepted', certificateHashDataChain: chain });
    const reported = present(
      chain.find((c) => c.certificateType === 'ManufacturerRootCertificate'),
      'M03.FR.01',
      'the harness station lists a ManufacturerRootCertificate',
    ).certificateHashData as CertificateHashData;

    ctx.step('The operator makes the CSMS delete the manufacturer root certificate');
    await ctx.manual(
      'csmsSend',
      { message: 'DeleteCertificate', stationId: config.stationId, certificateType: 'ManufacturerRootCertificate' },
      `Make the CSMS delete the manufacturer root certificate from station ${config.stationId}`,
    );
    const del = await station.expectCall('DeleteCertificate', { requirement: 'M04.FR.01' });
    const sent = del.payload.certificateHashData as CertificateHashData;
    check(
      sent.hashAlgorithm === reported.hashAlgorithm,
      'M04.FR.07',
      `hashAlgorithm ${reported.hashAlgorithm}, as the station reported`,
      sent.hashAlgorithm,
    );
    check(sameHashData(sent, reported), 'M04.FR.01', 'the hash data the station reported for its manufacturer root', JSON.stringify(sent));
    await station.reply(del, { status: 'Accepted' });
  },
);
