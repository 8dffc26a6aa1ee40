import { defineCase } from '../../../src/dsl.js';
import { createCsr, closeAndWait, reconnectAndBoot } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_14_CSMS',
    title: 'Update Charging Station Certificate by request of CSMS - Invalid certificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Advanced Security'],
    securityProfiles: [3],
    requirements: ['A02.FR.07', 'A04.FR.02', 'A02.FR.11'],
    purpose:
      "When the station rejects the certificate the CSMS sent in CertificateSigned and reports InvalidChargingStationCertificate, the CSMS acknowledges the event and keeps accepting the station's current certificate: the station reconnects with it and is let in.",
    features: ['AdvancedSecurity'],
    fault: 'old-client-cert-revoked-on-issue',
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
    await station.reply(trigger, { status: 'Accepted' });

    ctx.step('The station sends a CSR; the CSMS accepts it and sends CertificateSigned');
    const { csrPem } = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' });
    const res = await station.call(
      'SignCertificate',
      { csr: csrPem, certificateType: 'ChargingStationCertificate' },
      { requirement: 'A02.FR.11' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'A02.FR.11', 'SignCertificateResponse.status');
    const signed = await station.expectCall('CertificateSigned', { requirement: 'A02.FR.11' });

    ctx.step('The station rejects the certificate and reports InvalidChargingStationCertificate');
    await station.reply(signed, { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate' } });
    await station.call(
      'SecurityEventNotification',
      { type: 'InvalidChargingStationCertificate', timestamp: ctx.nowIso(), techInfo: 'renewed certificate rejected' },
      { requirement: 'A04.FR.02' },
    );

    ctx.step('The station reconnects with its current certificate and boots');
    await closeAndWait(ctx);
    await reconnectAndBoot(ctx, {}, 'A02.FR.07', 'the CSMS still accepts the current certificate after the renewal failed');
  },
);
