import { X509Certificate, createPublicKey } from 'node:crypto';
import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { createCsr, issuedCertificateProblems, splitPemChain } from '../../../src/kit/index.js';

type SignedType = 'ChargingStationCertificate' | 'V2GCertificate';

/**
 * The CSMS asks the station to renew its ISO 15118 (V2G) certificate, or both certificates at
 * once (combined), with TriggerMessage; the station sends one SignCertificate per certificate and
 * the CSMS returns each signed certificate with CertificateSigned naming its kind. The V2G
 * certificate chains to a V2G root the harness cannot know for a real CSMS, so only the key, the
 * kind and the audit's findings as non-strict notes are checked for it. A_11 covers the
 * reconnection with a renewed station certificate; A_13 stops once both are delivered.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_A_12_CSMS',
      title: 'Update Charging Station Certificate by request of CSMS - Success - V2G Certificate',
      trigger: 'SignV2GCertificate',
      types: ['V2GCertificate'],
      fault: 'v2g-certificate-signed-as-station-type',
    },
    {
      id: 'TC_A_13_CSMS',
      title: 'Update Charging Station Certificate by request of CSMS - Success - Combined Certificate',
      trigger: 'SignCombinedCertificate',
      types: ['ChargingStationCertificate', 'V2GCertificate'],
      fault: 'v2g-certificate-signed-as-station-type',
    },
  ] as const,
  ({ trigger, types, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'A',
        profiles: ['ISO 15118 support'],
        features: ['ISO15118'],
        requirements: ['A02.FR.11', 'A02.FR.04', 'A02.FR.03'],
        purpose: `The CSMS triggers the renewal (TriggerMessage ${trigger}), accepts the station's CSR${types.length > 1 ? 's' : ''} and returns with CertificateSigned, for each, a certificate for the CSR's key that names its kind (${types.join(', ')}).`,
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS ask for a new ${types.length > 1 ? 'station and V2G certificate' : 'V2G certificate'}`);
        await ctx.manual(
          'csmsSend',
          { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: trigger },
          `Make the CSMS renew the ${types.length > 1 ? 'station and V2G certificates' : 'V2G certificate'} of station ${config.stationId} (TriggerMessage ${trigger})`,
        );
        const req = await station.expectCall('TriggerMessage', { requirement: 'A02.FR.11' });
        ctx.expectOneOf(req.payload.requestedMessage, [trigger], 'A02.FR.11', 'TriggerMessageRequest.requestedMessage');
        await station.reply(req, { status: 'Accepted' });

        const keys = new Map<SignedType, string>();
        for (const type of types) {
          ctx.step(`The station sends a CSR for its ${type}; the CSMS accepts it`);
          const { csrPem, privateKeyPem } = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' });
          keys.set(type, privateKeyPem);
          const res = await station.call('SignCertificate', { csr: csrPem, certificateType: type }, { requirement: 'A02.FR.11' });
          ctx.expectOneOf(res.status, ['Accepted'], 'A02.FR.11', 'SignCertificateResponse.status');
        }

        // The CSMS may return the certificates in either order: each is matched to its CSR by key.
        for (let n = 0; n < types.length; n++) {
          ctx.step('The CSMS sends CertificateSigned with a certificate for one of the CSRs');
          const signed = await station.expectCall('CertificateSigned', { requirement: 'A02.FR.04' });
          const chainText = String(signed.payload.certificateChain);
          const leafPem = splitPemChain(chainText)[0];
          let leafKey: Buffer | undefined;
          try {
            leafKey = leafPem ? new X509Certificate(leafPem).publicKey.export({ type: 'spki', format: 'der' }) : undefined;
          } catch {
            leafKey = undefined;
          }
          const entry = [...keys].find(([, pem]) => leafKey?.equals(createPublicKey(pem).export({ type: 'spki', format: 'der' })));
          check(
            entry !== undefined,
            'A02.FR.04',
            `a certificate for the key of the ${[...keys.keys()].join(' or ')} CSR`,
            'another key or no readable certificate',
          );
          const [type, privateKeyPem] = entry;
          keys.delete(type);
          const named = signed.payload.certificateType;
          if (named === undefined && type === 'V2GCertificate')
            ctx.nonStrict('A02.FR.03', 'the V2G certificate came without certificateType (the station would use it for both connections)');
          else check(named === undefined || named === type, 'A02.FR.03', `certificateType ${type}`, `certificateType ${named}`);
          for (const p of issuedCertificateProblems(ctx, chainText, privateKeyPem)) {
            if (type === 'ChargingStationCertificate' && ctx.meta.requirements.includes(p.requirement))
              check(false, p.requirement, 'a certificate for the CSR meeting the OCPP certificate rules', p.problem);
            ctx.nonStrict(p.requirement, `${type}: ${p.problem}`);
          }
          await station.reply(signed, { status: 'Accepted' });
        }
      },
    ),
);
