import { defineCase } from '../../../src/dsl.js';
import { installRootAndFindIt16 } from '../../../src/kit/index.js';

const TYPE = 'ManufacturerRootCertificate' as const;

export default defineCase(
  {
    id: 'TC_075_1_CS',
    title: 'Install a certificate on the Charge Point - ManufacturerRootCertificate',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-M05.FR.01', 'SECWP16-M03.FR.01', 'SECWP16-M04.FR.01'],
    purpose:
      'The central system installs a new manufacturer root certificate (the anchor for firmware signing certificates) with InstallCertificate. The charge point stores it and, asked with GetInstalledCertificateIds, lists it with hash data (issuer name hash, issuer key hash, serial number) that match what the harness computes itself per RFC 6960.',
    fault: 'install-manufacturer-root-not-stored',
  },
  (ctx) => installRootAndFindIt16(ctx, TYPE),
);
