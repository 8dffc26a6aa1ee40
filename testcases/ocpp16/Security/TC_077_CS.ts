import { check, defineCase } from '../../../src/dsl.js';
import { securityEventNames, answerSecurityMessages16 } from '../../../src/kit/index.js';

const EVENT = 'InvalidChargePointCertificate';

export default defineCase(
  {
    id: 'TC_077_CS',
    title: 'Invalid ChargePointCertificate Security Event',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A02.FR.07', 'SECWP16-A02.FR.06', 'SECWP16-A04.FR.01'],
    purpose:
      "After a renewal the central system answers the charge point's CSR with a certificate that does not chain to a trusted root. The charge point must refuse it (CertificateSigned Rejected), keep using its current certificate and report the problem with a SecurityEventNotification of type InvalidChargePointCertificate.",
    features: ['Security.CertificateSigning'],
    fault: 'accepts-invalid-cp-certificate',
  },
  async (ctx) => {
    const { csms } = ctx;
    check(
      securityEventNames('1.6').includes(EVENT),
      'SECWP16-A02.FR.07',
      `${EVENT} is a 1.6 event name`,
      securityEventNames('1.6').join(', '),
    );
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);

    ctx.step('The harness triggers a certificate renewal; the charge point sends a CSR');
    const trig = await csms.call(
      'ExtendedTriggerMessage',
      { requestedMessage: 'SignChargePointCertificate' },
      { requirement: 'SECWP16-A02.FR.06' },
    );
    ctx.expectOneOf(trig.status, ['Accepted'], 'SECWP16-A02.FR.06', 'ExtendedTriggerMessage.conf status');
    const sign = await csms.expectCall('SignCertificate', { within: ctx.waits.twoMessages, requirement: 'SECWP16-A02.FR.06' });

    ctx.step('The harness answers with a certificate signed by a CA the charge point does not trust; the charge point rejects it');
    const chain = ctx.pki.issueForCsr(String(sign.payload.csr), 'unknown-issuer');
    const res = await csms.call('CertificateSigned', { certificateChain: chain }, { requirement: 'SECWP16-A02.FR.07' });
    ctx.expectOneOf(
      res.status,
      ['Rejected'],
      'SECWP16-A02.FR.07',
      'CertificateSigned.conf status for a certificate from an unknown issuer',
    );

    ctx.step(`The charge point reports a SecurityEventNotification of type ${EVENT}`);
    const ev = await csms.expectCall('SecurityEventNotification', {
      where: (p) => p.type === EVENT,
      whereText: `type = ${EVENT}`,
      within: ctx.waits.twoMessages,
      requirement: 'SECWP16-A02.FR.07',
    });
    ctx.note(`event ${ev.payload.type} at ${ev.payload.timestamp}${ev.payload.techInfo ? `: ${ev.payload.techInfo}` : ''}`);
  },
);
