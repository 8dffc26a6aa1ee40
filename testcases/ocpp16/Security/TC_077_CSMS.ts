import { check, defineCase } from '../../../src/dsl.js';
import { createCsr, securityEventNames } from '../../../src/kit/index.js';

const EVENT = 'InvalidChargePointCertificate';

export default defineCase(
  {
    id: 'TC_077_CSMS',
    title: 'Invalid ChargePointCertificate Security Event',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A04.FR.03', 'SECWP16-A02.FR.07'],
    purpose:
      'The charge point rejects the certificate the central system returned for its CSR (answering CertificateSigned with Rejected) and reports it with a SecurityEventNotification of the whitepaper type InvalidChargePointCertificate; the central system acknowledges the event with an empty SecurityEventNotification.conf.',
    features: ['Security.CertificateSigning'],
    fault: 'security-event-201-names-only',
  },
  async (ctx) => {
    const { station, config } = ctx;
    if (!securityEventNames('1.6').includes(EVENT)) throw new Error(`harness: ${EVENT} is not a 1.6 security event name`);
    await ctx.given('Booted');

    ctx.step(
      'The operator renews the charge point certificate: the central system sends ExtendedTriggerMessage SignChargePointCertificate',
    );
    await ctx.manual(
      'csmsSend',
      { message: 'ExtendedTriggerMessage', stationId: config.stationId, requestedMessage: 'SignChargePointCertificate' },
      `Make the central system ask ${config.stationId} for a new charge point certificate (ExtendedTriggerMessage SignChargePointCertificate).`,
    );
    const trigger = await station.expectCall('ExtendedTriggerMessage', { requirement: 'SECWP16-A02.FR.07' });
    await station.reply(trigger, { status: 'Accepted' });

    ctx.step('The charge point sends its CSR; the central system accepts it and sends CertificateSigned');
    const csr = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'ec' });
    const res = await station.call('SignCertificate', { csr: csr.csrPem }, { requirement: 'SECWP16-A02.FR.07' });
    ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-A02.FR.07', 'SignCertificate.conf status');
    const signed = await station.expectCall('CertificateSigned', { requirement: 'SECWP16-A02.FR.07', within: ctx.waits.twoMessages });

    ctx.step('The charge point finds the certificate invalid: it answers Rejected and discards it');
    await station.reply(signed, { status: 'Rejected' });

    ctx.step(`The charge point reports ${EVENT}: the central system acknowledges the security event`);
    const ack = await station.call(
      'SecurityEventNotification',
      { type: EVENT, timestamp: ctx.nowIso(), techInfo: 'certificate from CertificateSigned rejected' },
      { requirement: 'SECWP16-A04.FR.03' },
    );
    check(Object.keys(ack).length === 0, 'SECWP16-A04.FR.03', 'an empty SecurityEventNotification.conf', JSON.stringify(ack));
  },
);
