import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { installRootThenList16 } from '../../../src/kit/index.js';

/** The operator installs a root certificate on the charge point and lists it, one case per certificate type. */
export default defineCaseFamily(
  [
    {
      id: 'TC_075_1_CSMS',
      title: 'Install a certificate on the Charge Point - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      purpose:
        'The operator installs the manufacturer root (the anchor for firmware signing certificates) on the charge point: the central system sends InstallCertificate with certificateType ManufacturerRootCertificate and one PEM certificate that is a CA certificate valid now. Asked afterwards, it sends GetInstalledCertificateIds for the same type and takes the hash data of what is installed.',
      fault: 'install-cert-type-swapped',
    },
    {
      id: 'TC_075_2_CSMS',
      title: 'Install a certificate on the Charge Point - CentralSystemRootCertificate',
      type: 'CentralSystemRootCertificate',
      purpose:
        'The operator installs a CSMS root (the anchor the charge point uses for the central system TLS certificate) on the charge point: the central system sends InstallCertificate with certificateType CentralSystemRootCertificate and one PEM certificate that is a CA certificate valid now. Asked afterwards, it sends GetInstalledCertificateIds for the same type and takes the hash data of what is installed.',
      fault: 'install-csms-root-sends-server-cert',
    },
  ] as const,
  ({ type, ...row }) =>
    defineCase(
      {
        ...row,
        features: ['Security.CertificateManagement'],
        ocpp: '1.6',
        sut: 'csms',
        block: 'Security',
        profiles: ['Security'],
        securityProfiles: [2, 3],
        requirements: ['SECWP16-M05.FR.01', 'SECWP16-M03.FR.01'],
      },
      (ctx) => installRootThenList16(ctx, type),
    ),
);
