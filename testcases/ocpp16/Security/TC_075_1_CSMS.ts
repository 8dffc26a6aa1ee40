import { defineCase } from '../../../src/dsl.js';
import { installRootThenList16 } from '../../../src/kit/index.js';

const TYPE = 'ManufacturerRootCertificate' as const;

export default defineCase(
  {
    id: 'TC_075_1_CSMS',
    title: 'Install a certificate on the Charge Point - ManufacturerRootCertificate',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['SECWP16-M05.FR.01', 'SECWP16-M03.FR.01'],
    purpose:
      'The operator installs the manufacturer root (the anchor for firmware signing certificates) on the charge point: the central system sends InstallCertificate with certificateType ManufacturerRootCertificate and one PEM certificate that is a CA certificate valid now. Asked afterwards, it sends GetInstalledCertificateIds for the same type and takes the hash data of what is installed.',
    fault: 'install-cert-type-swapped',
  },
  (ctx) => installRootThenList16(ctx, TYPE),
);
