import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  checkAcceptedOfTypes,
  cleanUpCertificate as cleanUp,
  findListed,
  freshRoot,
  installAccepted,
  listInstalledCertificates as list,
} from '../../../src/kit/index.js';

/** The station lists the roots of one type with exact hash data, one case per certificate type. */
export default defineCaseFamily(
  [
    {
      id: 'TC_M_12_CS',
      title: 'Retrieve certificates from Charging Station - CSMSRootCertificate',
      type: 'CSMSRootCertificate',
      label: 'M12 CSMS root',
      root: 'CSMS root',
      precondition: 'a CSMS root of its own (serial number with a leading zero nibble)',
      purpose:
        'Asked for its CSMS roots, the station answers Accepted with only CSMSRootCertificate entries, and the entry of a root the harness installed carries exactly the RFC 6960 hash data the harness computes from that certificate (issuer name hash, issuer key hash, serial number in hex without leading zeros).',
      fault: 'hash-serial-leading-zero',
    },
    {
      id: 'TC_M_13_CS',
      title: 'Retrieve certificates from Charging Station - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      label: 'M13 manufacturer root',
      root: 'manufacturer root',
      precondition: 'a manufacturer root of its own',
      purpose:
        'Asked for its manufacturer roots, the station answers Accepted with only ManufacturerRootCertificate entries, and the entry of a root the harness installed carries exactly the RFC 6960 hash data the harness computes from it; in particular issuerKeyHash covers the public key bits only, not the whole SubjectPublicKeyInfo.',
      fault: 'issuer-key-hash-over-spki',
    },
  ] as const,
  ({ type, label, root: kind, precondition, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'M', requirements: ['M03.FR.04', 'M03.FR.03', 'M03.FR.01'] }, async (ctx) => {
      await ctx.given('Booted');
      const root = freshRoot(ctx, label);
      try {
        ctx.step(`Precondition: the harness installs ${precondition}`);
        await installAccepted(ctx, type, root, 'M05.FR.02');

        ctx.step(`The harness asks for the installed ${type}s; the station answers Accepted with ${kind}s only`);
        const res = await list(ctx, [type], 'M03.FR.01');
        const chain = checkAcceptedOfTypes(ctx, res, [type], 'M03.FR.03');

        ctx.step('The entry for the installed root has the hash data the harness recomputes, field by field');
        findListed(ctx, chain, type, root, 'M03.FR.04', `the installed ${kind}`);
      } finally {
        await cleanUp(ctx, root);
      }
    }),
);
