import { check, defineCase, defineCaseFamily, present } from '../../../src/dsl.js';
import { certDer, inspectCertificate } from '../../../src/kit/index.js';

/**
 * The operator makes the CSMS install a CA certificate on a station, one case per certificate
 * type: a CSMS root should be the CSMS's own root; any other root (manufacturer, V2G, MO) must not be it.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_M_01_CSMS',
      title: 'Install CA certificate - CSMSRootCertificate',
      type: 'CSMSRootCertificate',
      what: 'its CSMS root certificate',
      purpose:
        'Asked to install its root certificate on a station, the CSMS sends InstallCertificate with certificateType CSMSRootCertificate and a single PEM CA certificate: the root the station must trust for the CSMS.',
      fault: 'installcert-wrong-type',
      profiles: ['Advanced Security'],
    },
    {
      id: 'TC_M_02_CSMS',
      title: 'Install CA certificate - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      what: 'the manufacturer root certificate',
      purpose:
        'Asked to install the manufacturer root on a station, the CSMS sends InstallCertificate with certificateType ManufacturerRootCertificate and a PEM CA certificate that is not the CSMS root (firmware signing and the CSMS connection have separate trust anchors).',
      fault: 'installcert-sends-csms-root',
      profiles: ['Advanced Security'],
    },
    {
      id: 'TC_M_03_CSMS',
      title: 'Install CA certificate - V2GRootCertificate',
      type: 'V2GRootCertificate',
      what: 'the V2G root certificate',
      purpose:
        'Asked to install the V2G (ISO 15118) root on a station, the CSMS sends InstallCertificate with certificateType V2GRootCertificate and a PEM CA certificate that is not the CSMS root (the EV communication and the CSMS connection have separate trust anchors).',
      fault: 'installcert-v2g-sends-csms-root',
      profiles: ['ISO 15118 support'],
    },
    {
      id: 'TC_M_04_CSMS',
      title: 'Install CA certificate - MORootCertificate',
      type: 'MORootCertificate',
      what: 'the mobility operator (MO) root certificate',
      purpose:
        'Asked to install the mobility operator root on a station (used to check contract certificates of ISO 15118 Plug & Charge), the CSMS sends InstallCertificate with certificateType MORootCertificate and a PEM CA certificate that is not the CSMS root.',
      fault: 'installcert-mo-sends-csms-root',
      profiles: ['ISO 15118 support'],
    },
  ] as const,
  ({ type, what, ...row }) =>
    defineCase(
      {
        ...row,
        profiles: [...row.profiles],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'M',
        requirements: ['M05.FR.01', 'A00.FR.505'],
      },
      async (ctx) => {
        const { station, config, pki } = ctx;
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS install ${what} on the station`);
        await ctx.manual(
          'csmsSend',
          { message: 'InstallCertificate', stationId: config.stationId, certificateType: type },
          `Make the CSMS install ${what} on station ${config.stationId} (InstallCertificate ${type})`,
        );
        const req = await station.expectCall('InstallCertificate', { requirement: 'M05.FR.01' });
        ctx.expectOneOf(req.payload.certificateType, [type], 'M05.FR.01', 'InstallCertificateRequest.certificateType');

        ctx.step(
          type === 'CSMSRootCertificate'
            ? 'The certificate is one PEM CA certificate: the CSMS root'
            : 'The certificate is a CA certificate other than the CSMS root',
        );
        const pem = String(req.payload.certificate);
        let info: ReturnType<typeof inspectCertificate> | undefined;
        try {
          info = inspectCertificate(pem);
        } catch (e) {
          check(false, 'A00.FR.505', 'a PEM X.509 certificate', (e as Error).message);
        }
        const cert = present(info, 'A00.FR.505', 'a PEM X.509 certificate', 'none');
        check(cert.isCA, 'M05.FR.01', 'a CA certificate (basicConstraints CA:TRUE)', 'not a CA certificate');
        const isCsmsRoot = certDer(pem).equals(certDer(pki.csmsRoot));
        if (type === 'CSMSRootCertificate') {
          if (!isCsmsRoot) ctx.nonStrict('M05.FR.01', 'the certificate is not the CSMS root of the harness PKI');
        } else check(!isCsmsRoot, 'M05.FR.01', 'the manufacturer root, not the CSMS root', `the CSMS root (${cert.subject.CN ?? '?'})`);
        await station.reply(req, { status: 'Accepted' });
      },
    ),
);
