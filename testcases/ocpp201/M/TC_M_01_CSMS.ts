import { check, defineCase } from '../../../src/dsl.js';
import { certDer, inspectCertificate } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_01_CSMS',
    title: 'Install CA certificate - CSMSRootCertificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M05.FR.01', 'A00.FR.505'],
    purpose:
      'Asked to install its root certificate on a station, the CSMS sends InstallCertificate with certificateType CSMSRootCertificate and a single PEM CA certificate: the root the station must trust for the CSMS.',
    fault: 'installcert-wrong-type',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS install its root certificate on the station');
    await ctx.manual(
      'csmsSend',
      { message: 'InstallCertificate', stationId: config.stationId, certificateType: 'CSMSRootCertificate' },
      `Make the CSMS install its CSMS root certificate on station ${config.stationId} (InstallCertificate CSMSRootCertificate)`,
    );
    const req = await station.expectCall('InstallCertificate', { requirement: 'M05.FR.01' });
    ctx.expectOneOf(req.payload.certificateType, ['CSMSRootCertificate'], 'M05.FR.01', 'InstallCertificateRequest.certificateType');

    ctx.step('The certificate is one PEM CA certificate: the CSMS root');
    let info;
    try {
      info = inspectCertificate(String(req.payload.certificate));
    } catch (e) {
      check(false, 'A00.FR.505', 'a PEM X.509 certificate', (e as Error).message);
    }
    check(info.isCA, 'M05.FR.01', 'a CA certificate (basicConstraints CA:TRUE)', 'not a CA certificate');
    if (!certDer(String(req.payload.certificate)).equals(certDer(pki.csmsRoot))) ctx.nonStrict('M05.FR.01', 'the certificate is not the CSMS root of the harness PKI');
    await station.reply(req, { status: 'Accepted' });
  },
);
