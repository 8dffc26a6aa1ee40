import { defineCase } from '../../../src/dsl.js';
import { connectionDataFor, ensureCsmsRoot, freeSlot } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_20_CS',
    title: 'Upgrade the security profile - no CSMS root certificate installed',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A05.FR.03', 'B09.FR.01'],
    profiles: ['Core'],
    securityProfiles: [1],
    purpose:
      'A station without an installed CSMSRootCertificate cannot verify a TLS server, so it rejects a SetNetworkProfile that moves it to security profile 2.',
    features: ['NetworkProfiles'],
    fault: 'upgrade-without-csms-root',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('No CSMSRootCertificate is installed on the station');
    const ids = await csms.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] }, { requirement: 'A05.FR.03' });
    // Post-condition: the station gets this run's CSMS root back, or it could not reconnect over TLS later.
    if ((ids.certificateHashDataChain ?? []).length)
      ctx.afterCase('reinstall the CSMS root certificate of this run', () => ensureCsmsRoot(ctx));
    for (const e of ids.certificateHashDataChain ?? []) {
      const del = await csms.call('DeleteCertificate', { certificateHashData: e.certificateHashData }, { requirement: 'A05.FR.03' });
      ctx.note(`DeleteCertificate CSMSRootCertificate: ${del.status}`);
    }
    const left = await csms.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] }, { requirement: 'A05.FR.03' });
    if (left.status === 'Accepted' && (left.certificateHashDataChain ?? []).length) {
      await ctx.manual(
        'removeCertificates',
        { certificateType: 'CSMSRootCertificate' },
        'Remove every CSMSRootCertificate from the charging station (it refused to delete the last one over OCPP).',
      );
    }

    ctx.step('SetNetworkProfile with security profile 2: the station rejects it');
    const { slot } = await freeSlot(ctx, 'B09.FR.01');
    const set = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: slot, connectionData: connectionDataFor(ctx, 2) },
      { requirement: 'A05.FR.03' },
    );
    ctx.expectOneOf(set.status, ['Rejected'], 'A05.FR.03', 'SetNetworkProfile status without a CSMS root certificate');
    ctx.note(`rejected${set.statusInfo ? ` (${set.statusInfo.reasonCode})` : ''}`);
  },
);
