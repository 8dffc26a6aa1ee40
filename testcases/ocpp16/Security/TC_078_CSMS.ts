import { check, defineCase } from '../../../src/dsl.js';
import { securityEventNames } from '../../../src/kit/index.js';

const EVENT = 'InvalidCentralSystemCertificate';
const TYPE = 'CentralSystemRootCertificate';

export default defineCase(
  {
    id: 'TC_078_CSMS',
    title: 'Invalid CentralSystemCertificate Security Event',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['SECWP16-A04.FR.03', 'SECWP16-M05.FR.06'],
    purpose:
      'The charge point refuses a CentralSystemRootCertificate the central system installs (InstallCertificate answered Rejected, as for an invalid or expired root) and reports it with a SecurityEventNotification of the whitepaper type InvalidCentralSystemCertificate, a non-critical event; the central system acknowledges it with an empty SecurityEventNotification.conf.',
    features: ['Security.CertificateManagement'],
    fault: 'security-event-noncritical-ignored',
  },
  async (ctx) => {
    const { station, config } = ctx;
    if (!securityEventNames('1.6').includes(EVENT)) throw new Error(`harness: ${EVENT} is not a 1.6 security event name`);
    await ctx.given('Booted');

    ctx.step(`The operator installs a ${TYPE}: the central system sends InstallCertificate`);
    await ctx.manual(
      'csmsSend',
      { message: 'InstallCertificate', stationId: config.stationId, certificateType: TYPE },
      `Make the central system install its ${TYPE} on ${config.stationId} (InstallCertificate).`,
    );
    const install = await station.expectCall('InstallCertificate', { requirement: 'SECWP16-M05.FR.06' });
    check(
      install.payload.certificateType === TYPE,
      'SECWP16-M05.FR.06',
      `certificateType = ${TYPE}`,
      `certificateType = ${JSON.stringify(install.payload.certificateType)}`,
    );

    ctx.step('The charge point does not accept the certificate and answers Rejected');
    await station.reply(install, { status: 'Rejected' });

    ctx.step(`The charge point reports ${EVENT}: the central system acknowledges the security event`);
    const ack = await station.call(
      'SecurityEventNotification',
      { type: EVENT, timestamp: ctx.nowIso(), techInfo: 'CentralSystemRootCertificate from InstallCertificate rejected' },
      { requirement: 'SECWP16-A04.FR.03' },
    );
    check(Object.keys(ack).length === 0, 'SECWP16-A04.FR.03', 'an empty SecurityEventNotification.conf', JSON.stringify(ack));
  },
);
