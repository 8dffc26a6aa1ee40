import { check, defineCase } from '../../../src/dsl.js';
import { certDer, inspectCertificate } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_02_CSMS',
    title: 'Install CA certificate - ManufacturerRootCertificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M05.FR.01', 'A00.FR.505'],
    purpose:
      'Asked to install the manufacturer root on a station, the CSMS sends InstallCertificate with certificateType ManufacturerRootCertificate and a PEM CA certificate that is not the CSMS root (firmware signing and the CSMS connection have separate trust anchors).',
    fault: 'installcert-sends-csms-root',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS install the manufacturer root certificate on the station');
    await ctx.manual(
      'csmsSend',
      { message: 'InstallCertificate', stationId: config.stationId, certificateType: 'ManufacturerRootCertificate' },
      `Make the CSMS install the manufacturer root certificate on station ${config.stationId} (InstallCertificate ManufacturerRootCertificate)`,
    );
    const req = await station.expectCall('InstallCertificate', { requirement: 'M05.FR.01' });
    ctx.expectOneOf(req.payload.certificateType, ['ManufacturerRootCertificate'], 'M05.FR.01', 'InstallCertificateRequest.certificateType');

    ctx.step('The certificate is a CA certificate other than the CSMS root');
    let info;
    try {
      info = inspectCertificate(String(req.payload.certificate));
    } catch (e) {
      check(false, 'A00.FR.505', 'a PEM X.509 certificate', (e as Error).message);
    }
    check(info.isCA, 'M05.FR.01', 'a CA certificate (basicConstraints CA:TRUE)', 'not a CA certificate');
    check(!certDer(String(req.payload.certificate)).equals(certDer(pki.csmsRoot)), 'M05.FR.01', 'the manufacturer root, not the CSMS root', `the CSMS root (${info.subject.CN ?? '?'})`);
    await station.reply(req, { status: 'Accepted' });
  },
);
