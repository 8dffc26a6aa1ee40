import { defineCase } from '../../../src/dsl.js';
import { installRootAndFindIt16 } from '../../../src/kit/index.js';

const TYPE = 'CentralSystemRootCertificate' as const;

export default defineCase(
  {
    id: 'TC_075_2_CS',
    title: 'Install a certificate on the Charge Point - CentralSystemRootCertificate',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-M03.FR.01', 'SECWP16-M05.FR.01', 'SECWP16-M04.FR.01'],
    purpose:
      'The central system installs an additional CentralSystemRootCertificate with InstallCertificate. The charge point stores it and lists it in GetInstalledCertificateIds with RFC 6960 hash data: the issuer key hash covers the public key bits only, the serial number is hex without leading zeros; the harness recomputes all three values.',
    fault: 'cert-hash-over-whole-spki',
  },
  (ctx) => installRootAndFindIt16(ctx, TYPE),
);
