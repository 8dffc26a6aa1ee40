import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { certificateHashData, securityEventNames, answerSecurityMessages16, freshRootCertificate } from '../../../src/kit/index.js';

const EVENT = 'InvalidCentralSystemCertificate';

export default defineCase(
  {
    id: 'TC_078_CS',
    title: 'Invalid CentralSystemCertificate Security Event',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-M05.FR.06', 'SECWP16-A04.FR.01'],
    purpose:
      'The central system tries to install an expired root certificate as CentralSystemRootCertificate. The charge point must refuse it (InstallCertificate Rejected), so it never trusts an invalid anchor for the central system, and report the attempt with a SecurityEventNotification of type InvalidCentralSystemCertificate.',
    features: ['Security.CertificateManagement'],
    fault: 'installs-expired-root',
  },
  async (ctx) => {
    const { csms } = ctx;
    check(
      securityEventNames('1.6').includes(EVENT),
      'SECWP16-M05.FR.06',
      `${EVENT} is a 1.6 event name`,
      securityEventNames('1.6').join(', '),
    );
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const root = freshRootCertificate(`ocpp-harness TC_078 expired ${randomBytes(4).toString('hex')}`, ctx.organization, { expired: true });

    ctx.step('The harness installs an expired root as CentralSystemRootCertificate; the charge point rejects it');
    const res = await csms.call(
      'InstallCertificate',
      { certificateType: 'CentralSystemRootCertificate', certificate: root },
      { requirement: 'SECWP16-M05.FR.06' },
    );
    if (res.status === 'Accepted') {
      // Take the invalid anchor out again before failing, so a real charge point is left as it was.
      await csms
        .callMayError(
          'DeleteCertificate',
          { certificateHashData: certificateHashData(root, root, 'SHA256') },
          { requirement: 'SECWP16-M05.FR.06' },
        )
        .catch(() => undefined);
    }
    ctx.expectOneOf(
      res.status,
      ['Rejected'],
      'SECWP16-M05.FR.06',
      'InstallCertificate.conf status for an expired CentralSystemRootCertificate',
    );

    ctx.step(`The charge point reports a SecurityEventNotification of type ${EVENT}`);
    const ev = await csms.expectCall('SecurityEventNotification', {
      where: (p) => p.type === EVENT,
      whereText: `type = ${EVENT}`,
      within: ctx.waits.twoMessages,
      requirement: 'SECWP16-A04.FR.01',
    });
    ctx.note(`event ${ev.payload.type} at ${ev.payload.timestamp}${ev.payload.techInfo ? `: ${ev.payload.techInfo}` : ''}`);
  },
);
