import { check, defineCase } from '../../../src/dsl.js';
import { createCsr, splitPemChain, closeAndWait, issuedCertificateProblems, reconnectAndBoot } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_11_CSMS',
    title: 'Update Charging Station Certificate by request of CSMS - Success - Charging Station Certificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Advanced Security'],
    securityProfiles: [3],
    requirements: [
      'A02.FR.04',
      'A02.FR.11',
      'A02.FR.06',
      'A00.FR.403',
      'A00.FR.404',
      'A00.FR.405',
      'A00.FR.501',
      'A00.FR.503',
      'A00.FR.512',
    ],
    purpose:
      "The CSMS asks the station to renew its certificate (TriggerMessage SignChargingStationCertificate), accepts the station's CSR and returns with CertificateSigned a certificate for exactly the CSR's key and subject, chaining to the CSMS root, valid now and not a CA; the station then reconnects with the new certificate and is let in.",
    features: ['AdvancedSecurity'],
    fault: 'certificate-signed-other-key',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS ask for a new station certificate');
    await ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'SignChargingStationCertificate' },
      `Make the CSMS renew the certificate of station ${config.stationId} (TriggerMessage SignChargingStationCertificate)`,
    );
    const trigger = await station.expectCall('TriggerMessage', { requirement: 'A02.FR.11' });
    ctx.expectOneOf(
      trigger.payload.requestedMessage,
      ['SignChargingStationCertificate'],
      'A02.FR.11',
      'TriggerMessageRequest.requestedMessage',
    );
    await station.reply(trigger, { status: 'Accepted' });

    ctx.step('The station sends a CSR for a new key; the CSMS accepts it');
    const { csrPem, privateKeyPem } = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' });
    const res = await station.call(
      'SignCertificate',
      { csr: csrPem, certificateType: 'ChargingStationCertificate' },
      { requirement: 'A02.FR.11' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'A02.FR.11', 'SignCertificateResponse.status');

    ctx.step('The CSMS sends CertificateSigned with a certificate for the CSR');
    const signed = await station.expectCall('CertificateSigned', { requirement: 'A02.FR.04' });
    const chainText = String(signed.payload.certificateChain);
    for (const p of issuedCertificateProblems(ctx, chainText, privateKeyPem)) {
      // The rules this case names are MUSTs; other findings of the audit are reported as non-strict.
      if (ctx.meta.requirements.includes(p.requirement))
        check(false, p.requirement, 'a certificate for the CSR meeting the OCPP certificate rules', p.problem);
      ctx.nonStrict(p.requirement, p.problem);
    }
    const chain = splitPemChain(chainText);
    await station.reply(signed, { status: 'Accepted' });

    ctx.step('The station reconnects with the new certificate and boots');
    await closeAndWait(ctx);
    await reconnectAndBoot(
      ctx,
      { tls: station.tlsOptions({ clientCert: { chainPem: chain.join(''), keyPem: privateKeyPem } }) },
      'A00.FR.403',
      'the CSMS accepts the renewed certificate',
    );
  },
);
