import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { installRootAndFindIt16 } from '../../../src/kit/index.js';

/** Install a root certificate on the charge point and find it listed, one case per certificate type. */
export default defineCaseFamily(
  [
    {
      id: 'TC_075_1_CS',
      title: 'Install a certificate on the Charge Point - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      requirements: ['SECWP16-M05.FR.01', 'SECWP16-M03.FR.01', 'SECWP16-M04.FR.01'],
      purpose:
        'The central system installs a new manufacturer root certificate (the anchor for firmware signing certificates) with InstallCertificate. The charge point stores it and, asked with GetInstalledCertificateIds, lists it with hash data (issuer name hash, issuer key hash, serial number) that match what the harness computes itself per RFC 6960.',
      fault: 'install-manufacturer-root-not-stored',
    },
    {
      id: 'TC_075_2_CS',
      title: 'Install a certificate on the Charge Point - CentralSystemRootCertificate',
      type: 'CentralSystemRootCertificate',
      requirements: ['SECWP16-M03.FR.01', 'SECWP16-M05.FR.01', 'SECWP16-M04.FR.01'],
      purpose:
        'The central system installs an additional CentralSystemRootCertificate with InstallCertificate. The charge point stores it and lists it in GetInstalledCertificateIds with RFC 6960 hash data: the issuer key hash covers the public key bits only, the serial number is hex without leading zeros; the harness recomputes all three values.',
      fault: 'cert-hash-over-whole-spki',
    },
  ] as const,
  ({ type, ...row }) =>
    defineCase(
      {
        ...row,
        features: ['Security.CertificateManagement'],
        requirements: [...row.requirements],
        ocpp: '1.6',
        sut: 'cs',
        block: 'Security',
        profiles: ['Security'],
      },
      (ctx) => installRootAndFindIt16(ctx, type),
    ),
);
