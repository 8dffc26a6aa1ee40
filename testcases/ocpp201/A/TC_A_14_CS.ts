import { defineCase } from '../../../src/dsl.js';
import { triggerCsr } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_14_CS',
    title: 'Renew the station certificate on CSMS request - invalid certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A02.FR.07', 'A02.FR.06'],
    profiles: ['Core'],
    securityProfiles: [3],
    purpose:
      'The CSMS answers the CSR with a certificate from an issuer the station does not trust. The station rejects it with CertificateSigned Rejected and reports InvalidChargingStationCertificate.',
    features: ['AdvancedSecurity'],
    fault: 'accepts-untrusted-station-cert',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    csms.respondTo('SignCertificate', { status: 'Accepted' });

    ctx.step('TriggerMessage SignChargingStationCertificate; the station sends a CSR');
    const sign = await triggerCsr(ctx);
    if (!sign.answered) await csms.reply(sign, { status: 'Accepted' });

    ctx.step('The CSMS returns a certificate from an untrusted issuer; the station rejects it');
    const chain = ctx.pki.issueForCsr(sign.payload.csr, 'unknown-issuer');
    const res = await csms.call(
      'CertificateSigned',
      { certificateChain: chain, certificateType: 'ChargingStationCertificate' },
      { requirement: 'A02.FR.07' },
    );
    ctx.expectOneOf(res.status, ['Rejected'], 'A02.FR.07', 'CertificateSigned status for an untrusted certificate');

    ctx.step('The station reports InvalidChargingStationCertificate');
    await csms.expectCall('SecurityEventNotification', {
      where: (p) => p.type === 'InvalidChargingStationCertificate',
      whereText: 'type InvalidChargingStationCertificate',
      within: config.timeouts.messageMs,
      requirement: 'A02.FR.07',
    });
  },
);
