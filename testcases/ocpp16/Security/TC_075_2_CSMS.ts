import { defineCase } from '../../../src/dsl.js';
import { checkInstallCertificate, hashDataOfCert } from '../../../src/states/v16-csms.js';

const TYPE = 'CentralSystemRootCertificate';

export default defineCase(
  {
    id: 'TC_075_2_CSMS',
    title: 'Install a certificate on the Charge Point - CentralSystemRootCertificate',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['M05.FR.01', 'M03.FR.01'],
    purpose:
      'The operator installs a CSMS root (the anchor the charge point uses for the central system TLS certificate) on the charge point: the central system sends InstallCertificate with certificateType CentralSystemRootCertificate and one PEM certificate that is a CA certificate valid now. Asked afterwards, it sends GetInstalledCertificateIds for the same type and takes the hash data of what is installed.',
    fault: 'install-csms-root-sends-server-cert',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step(`The operator installs a ${TYPE}: the central system sends InstallCertificate`);
    await ctx.manual('csmsSend', { message: 'InstallCertificate', stationId: config.stationId, certificateType: TYPE }, `Make the central system install its ${TYPE} on ${config.stationId} (InstallCertificate).`);
    const install = await station.expectCall('InstallCertificate', { requirement: 'M05.FR.01' });
    const installed = checkInstallCertificate(ctx, install.payload, TYPE, 'M05.FR.01');

    ctx.step('The charge point stores the certificate and answers Accepted');
    await station.reply(install, { status: 'Accepted' });

    ctx.step(`The operator lists the installed ${TYPE}s: the central system sends GetInstalledCertificateIds`);
    await ctx.manual('csmsSend', { message: 'GetInstalledCertificateIds', stationId: config.stationId, certificateType: TYPE }, `Make the central system ask ${config.stationId} for its installed ${TYPE}s (GetInstalledCertificateIds).`);
    const list = await station.expectCall('GetInstalledCertificateIds', { requirement: 'M03.FR.01' });
    ctx.check(list.payload.certificateType === TYPE, 'M03.FR.01', `certificateType = ${TYPE}`, `certificateType = ${JSON.stringify(list.payload.certificateType)}`);
    await station.reply(list, { status: 'Accepted', certificateHashData: [hashDataOfCert(installed)] });
  },
);
