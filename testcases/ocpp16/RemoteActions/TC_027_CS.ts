import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_027_CS',
    title: 'Remote Start Transaction - Connector Id Shall Not Be 0',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11'],
    purpose:
      'A RemoteStartTransaction naming connector 0 (which is no connector: a remote start names one above 0 or none) is answered Rejected, and no transaction starts.',
    fault: 'remote-start-connector-zero-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

    ctx.step('The harness sends RemoteStartTransaction for connector 0');
    const res = await csms.call(
      'RemoteStartTransaction',
      { connectorId: 0, idTag: config.ids.validIdToken.idToken },
      { requirement: 'OCPP16-5.11' },
    );

    ctx.step('The charge point answers Rejected and starts no transaction');
    ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status for connector 0');
    await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-5.11' });
  },
);
